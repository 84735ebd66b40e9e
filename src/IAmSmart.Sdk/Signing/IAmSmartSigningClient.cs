using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Signing;

/// <summary>
/// Digital signing by iAM Smart+ users (contract §12): hash and PDF signing with login (result by callback) and without
/// login (result by <c>getResult</c> after a ticket login), the acknowledgement, and verification of hash signatures.
/// Every request is checked before anything is sent; how the user ended a request is a <see cref="SigningOutcome{TResult}"/>,
/// never an exception. Exceptions are for configuration, expired tokens and service or network failures.
/// </summary>
public partial class IAmSmartSigningClient
{
    private readonly IAmSmartTransport _transport;
    private readonly IAmSmartOptions _options;
    private readonly IAmSmartAuthClient _auth;
    private readonly PendingOperations _operations;

    internal IAmSmartSigningClient(IAmSmartTransport transport, IAmSmartOptions options, IAmSmartAuthClient auth, PendingOperations operations)
    {
        _transport = transport;
        _options = options;
        _auth = auth;
        _operations = operations;
        _bulk = new BulkSigningCallbacks(transport, operations, options);
    }

    /// <summary>For mocking frameworks only.</summary>
    protected IAmSmartSigningClient()
    {
        _transport = null!;
        _options = null!;
        _auth = null!;
        _operations = null!;
        _bulk = null!;
    }

    /// <summary>
    /// Asks a logged-in user to sign a hash (<c>account/signing/initiateRequest</c>, contract §12.1) and returns the
    /// operation: it begins and stores the operation (with the request's <c>businessID</c> and <c>state</c> when set,
    /// else new ones), sends the request and forgets the operation again if iAM Smart does not start it. Show
    /// <see cref="SigningInitiation.SignCode"/> from <see cref="SigningOperation{TResult}.Initiation"/>, then
    /// <see cref="IAmSmartOperation{T}.WaitForCompletionAsync"/>. With <see cref="SigningWithLoginRequest.AppTarget"/> set
    /// the request goes to the app variant (<c>appv1/account/signing/initiateRequest</c> [I], addendum §A5.3) instead;
    /// the operation is the same.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The operation; already completed with the refusal as its value when iAM Smart refused at once (D70004, D70005).</returns>
    /// <exception cref="ArgumentException">A value is invalid, the token lacks the <c>eidapi_sign</c> scope, or the <c>businessID</c> is pending already; the message names the property. Nothing was sent.</exception>
    /// <exception cref="IAmSmartException">A configuration, expiry or service failure (for example D20009, an expired token); nothing is left pending.</exception>
    public virtual Task<SigningOperation<HashSigningResult>> StartHashSigningAsync(HashSigningRequest request, CancellationToken cancellationToken = default)
        => StartAsync(IAmSmartFunctions.HashSigning, request, PrepareHashSigning(request, idsOptional: true), SigningOutcome.FromHashCallback, cancellationToken);

    /// <summary>
    /// Asks a logged-in user to sign a PDF (<c>account/pdfsigning/initiateRequest</c>, contract §12.2) and returns the
    /// operation, as <see cref="StartHashSigningAsync"/> does: send the <c>docDigest</c> of a PDF prepared with a
    /// signature placeholder (package <c>IAmSmart.Sdk.Pdf</c>). With <see cref="SigningWithLoginRequest.AppTarget"/> set
    /// the request goes to the app variant (<c>appv1/account/pdfsigning/initiateRequest</c> [I]).
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The operation; already completed with the refusal as its value when iAM Smart refused at once (D70004, D70005).</returns>
    /// <exception cref="ArgumentException">A value is invalid, the token lacks the <c>eidapi_sign</c> scope, or the <c>businessID</c> is pending already; the message names the property. Nothing was sent.</exception>
    /// <exception cref="IAmSmartException">A configuration, expiry or service failure; nothing is left pending.</exception>
    public virtual Task<SigningOperation<PdfSigningResult>> StartPdfSigningAsync(PdfSigningRequest request, CancellationToken cancellationToken = default)
        => StartAsync(IAmSmartFunctions.PdfSigning, request, PreparePdfSigning(request, idsOptional: true), SigningOutcome.FromPdfCallback, cancellationToken);

    /// <summary>
    /// Resumes, on any instance sharing the operation store, a hash signing started with <see cref="StartHashSigningAsync"/>.
    /// </summary>
    /// <param name="businessId">The operation's <c>businessID</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">No hash-signing operation with this <c>businessID</c> is pending (never started, expired, or of another kind).</exception>
    public virtual Task<SigningOperation<HashSigningResult>> ResumeHashSigningAsync(string businessId, CancellationToken cancellationToken = default)
        => ResumeAsync(IAmSmartFunctions.HashSigning, businessId, SigningOutcome.FromHashCallback, cancellationToken);

    /// <summary>Resumes, on any instance sharing the operation store, a PDF signing started with <see cref="StartPdfSigningAsync"/>.</summary>
    /// <param name="businessId">The operation's <c>businessID</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">No PDF-signing operation with this <c>businessID</c> is pending (never started, expired, or of another kind).</exception>
    public virtual Task<SigningOperation<PdfSigningResult>> ResumePdfSigningAsync(string businessId, CancellationToken cancellationToken = default)
        => ResumeAsync(IAmSmartFunctions.PdfSigning, businessId, SigningOutcome.FromPdfCallback, cancellationToken);

    /// <summary>
    /// The lower-level form of <see cref="StartHashSigningAsync"/>, for a caller that manages the operation itself: start
    /// it first (<c>client.Operations.BeginAsync(IAmSmartFunctions.HashSigning)</c>) and pass its ids; show
    /// <see cref="SigningInitiation.SignCode"/>; then wait with <see cref="WaitForHashSigningAsync"/>.
    /// </summary>
    /// <param name="request">The request, with <see cref="SigningRequest.BusinessId"/> and <see cref="SigningRequest.State"/> set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The started request, or its refusal (D70004, D70005) as a value.</returns>
    /// <exception cref="ArgumentException">A value is invalid or missing, or the token lacks the <c>eidapi_sign</c> scope; the message names the property. Nothing was sent.</exception>
    /// <exception cref="IAmSmartException">A configuration, expiry or service failure (for example D20009, an expired token).</exception>
    public virtual Task<SigningInitiation> InitiateHashSigningAsync(HashSigningRequest request, CancellationToken cancellationToken = default)
        => PrepareHashSigning(request, idsOptional: false)(request.BusinessId!, request.State!, cancellationToken);

    /// <summary>
    /// The lower-level form of <see cref="StartPdfSigningAsync"/>, for a caller that manages the operation itself: start
    /// it first (<c>IAmSmartFunctions.PdfSigning</c>) and pass its ids; then wait with <see cref="WaitForPdfSigningAsync"/>.
    /// </summary>
    /// <param name="request">The request, with <see cref="SigningRequest.BusinessId"/> and <see cref="SigningRequest.State"/> set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The started request, or its refusal (D70004, D70005) as a value.</returns>
    /// <exception cref="ArgumentException">A value is invalid or missing, or the token lacks the <c>eidapi_sign</c> scope; the message names the property. Nothing was sent.</exception>
    /// <exception cref="IAmSmartException">A configuration, expiry or service failure.</exception>
    public virtual Task<SigningInitiation> InitiatePdfSigningAsync(PdfSigningRequest request, CancellationToken cancellationToken = default)
        => PreparePdfSigning(request, idsOptional: false)(request.BusinessId!, request.State!, cancellationToken);

    /// <summary>
    /// Waits for the callback of a hash signing with login and reads its outcome. With no callback before the operation
    /// expires (18 minutes by default) the outcome is <see cref="SigningStatus.TimedOut"/>.
    /// </summary>
    /// <param name="businessId">The operation's <c>businessID</c>.</param>
    /// <param name="cancellationToken">Stops waiting (the operation stays pending).</param>
    /// <exception cref="ArgumentException">No operation with this <c>businessID</c> is pending.</exception>
    public virtual async Task<SigningOutcome<HashSigningResult>> WaitForHashSigningAsync(string businessId, CancellationToken cancellationToken = default)
        => SigningOutcome.FromHashCallback(await _operations.WaitForCompletionAsync(businessId, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Waits for the callback of a PDF signing with login and reads its outcome. With no callback before the operation
    /// expires the outcome is <see cref="SigningStatus.TimedOut"/>.
    /// </summary>
    /// <param name="businessId">The operation's <c>businessID</c>.</param>
    /// <param name="cancellationToken">Stops waiting (the operation stays pending).</param>
    /// <exception cref="ArgumentException">No operation with this <c>businessID</c> is pending.</exception>
    public virtual async Task<SigningOutcome<PdfSigningResult>> WaitForPdfSigningAsync(string businessId, CancellationToken cancellationToken = default)
        => SigningOutcome.FromPdfCallback(await _operations.WaitForCompletionAsync(businessId, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Starts a hash signing without login (<c>anonymous/signing/initiateRequest</c>, contract §12.3). Then redirect the
    /// browser to <c>client.Auth.CreateLoginUrl(initiation.ToLoginRequest())</c> and, when it comes back, call
    /// <see cref="CompleteAnonymousHashSigningAsync"/>.
    /// </summary>
    /// <param name="request">The request; <see cref="SigningRequest.HkicHash"/> is required.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A value is invalid; the message names the property. Nothing was sent.</exception>
    /// <exception cref="IAmSmartException">A configuration or service failure.</exception>
    public virtual Task<AnonymousSigningInitiation> InitiateAnonymousHashSigningAsync(AnonymousHashSigningRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string type = nameof(AnonymousHashSigningRequest);
        SigningRequestRules.ValidateAnonymous(request, type, _options.Environment);
        SigningRequestRules.ValidateHashCode(request.HashCode, algorithm: null, $"{type}.{nameof(AnonymousHashSigningRequest.HashCode)}", string.Empty);
        var source = IAmSmartAuthClient.ResolveSource(request.Source, request.UserAgent, $"{type}.{nameof(SigningRequest.Source)}");
        var wire = new AnonymousHashSigningWireRequest
        {
            BusinessId = request.BusinessId!, // required without login: checked by ValidateAnonymous
            Source = source.Value,
            State = request.State!,
            HashCode = request.HashCode,
            RedirectUri = RedirectUriRules.ForJsonBody(request.RedirectUri),
            Department = request.Department,
            DocumentName = request.DocumentName,
            ServiceName = request.ServiceName,
            HkicHash = request.HkicHash!,
            StepUp = StepUpOf(request.StepUpMethod, request.StepUpWaitingPeriodHours),
        };
        return InitiateAnonymousAsync(IAmSmartFunctions.AnonymousHashSigning, wire, SigningJsonContext.Default.AnonymousHashSigningWireRequest, request, source, cancellationToken);
    }

    /// <summary>
    /// Starts a PDF signing without login (<c>anonymous/pdfsigning/initiateRequest</c>, contract §12.3). Then redirect
    /// the browser to <c>client.Auth.CreateLoginUrl(initiation.ToLoginRequest())</c> and, when it comes back, call
    /// <see cref="CompleteAnonymousPdfSigningAsync"/>.
    /// </summary>
    /// <param name="request">The request; <see cref="SigningRequest.HkicHash"/> is required.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A value is invalid; the message names the property. Nothing was sent.</exception>
    /// <exception cref="IAmSmartException">A configuration or service failure.</exception>
    public virtual Task<AnonymousSigningInitiation> InitiateAnonymousPdfSigningAsync(AnonymousPdfSigningRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string type = nameof(AnonymousPdfSigningRequest);
        SigningRequestRules.ValidateAnonymous(request, type, _options.Environment);
        SigningRequestRules.ValidateDocDigest(request.DocDigest, $"{type}.{nameof(AnonymousPdfSigningRequest.DocDigest)}");
        var source = IAmSmartAuthClient.ResolveSource(request.Source, request.UserAgent, $"{type}.{nameof(SigningRequest.Source)}");
        var wire = new AnonymousPdfSigningWireRequest
        {
            BusinessId = request.BusinessId!, // required without login: checked by ValidateAnonymous
            Source = source.Value,
            RedirectUri = RedirectUriRules.ForJsonBody(request.RedirectUri),
            State = request.State!,
            DocDigest = request.DocDigest,
            HkicHash = request.HkicHash!,
            Department = request.Department,
            DocumentName = request.DocumentName,
            ServiceName = request.ServiceName,
            StepUp = StepUpOf(request.StepUpMethod, request.StepUpWaitingPeriodHours),
        };
        return InitiateAnonymousAsync(IAmSmartFunctions.AnonymousPdfSigning, wire, SigningJsonContext.Default.AnonymousPdfSigningWireRequest, request, source, cancellationToken);
    }

    /// <summary>
    /// Finishes a hash signing without login when the browser comes back from the ticket login: checks the redirect
    /// belongs to <paramref name="initiation"/>, exchanges its code (<c>getToken</c>) and fetches the result
    /// (<c>anonymous/signing/getResult</c>). A cancelled, rejected or timed-out login is an outcome, not an exception.
    /// </summary>
    /// <param name="initiation">The initiation kept since <see cref="InitiateAnonymousHashSigningAsync"/>.</param>
    /// <param name="redirect">The redirect back, parsed from the raw query with <see cref="AuthCallback.Parse"/>.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <exception cref="ArgumentException">The redirect carries another state or businessID: not this request's, or forged.</exception>
    /// <exception cref="IAmSmartException">The redirect or a call reports a configuration, expiry or service failure.</exception>
    public virtual Task<SigningOutcome<HashSigningResult>> CompleteAnonymousHashSigningAsync(
        AnonymousSigningInitiation initiation, AuthCallback redirect, CancellationToken cancellationToken = default)
        => CompleteAnonymousAsync(initiation, redirect, GetAnonymousHashSigningResultAsync, cancellationToken);

    /// <summary>
    /// Finishes a PDF signing without login when the browser comes back from the ticket login, as
    /// <see cref="CompleteAnonymousHashSigningAsync"/> does for hashes (<c>anonymous/pdfsigning/getResult</c>).
    /// </summary>
    /// <param name="initiation">The initiation kept since <see cref="InitiateAnonymousPdfSigningAsync"/>.</param>
    /// <param name="redirect">The redirect back, parsed from the raw query with <see cref="AuthCallback.Parse"/>.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <exception cref="ArgumentException">The redirect carries another state or businessID: not this request's, or forged.</exception>
    /// <exception cref="IAmSmartException">The redirect or a call reports a configuration, expiry or service failure.</exception>
    public virtual Task<SigningOutcome<PdfSigningResult>> CompleteAnonymousPdfSigningAsync(
        AnonymousSigningInitiation initiation, AuthCallback redirect, CancellationToken cancellationToken = default)
        => CompleteAnonymousAsync(initiation, redirect, GetAnonymousPdfSigningResultAsync, cancellationToken);

    /// <summary>
    /// Fetches the result of a hash signing without login with the token of its ticket login
    /// (<c>anonymous/signing/getResult</c>, contract §12.3). Who signed is known only now, so D70004 (not iAM Smart+)
    /// and D70005 (not the person of the HKICHash) come here, as outcomes.
    /// </summary>
    /// <param name="token">The access token from <c>getToken</c> with the code of the ticket login.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="IAmSmartException">A configuration, expiry or service failure.</exception>
    public virtual Task<SigningOutcome<HashSigningResult>> GetAnonymousHashSigningResultAsync(AccessToken token, CancellationToken cancellationToken = default)
        => GetResultAsync(
            IAmSmartFunctions.AnonymousHashSigningResult, token, SigningJsonContext.Default.HashSigningContent, (c, txId) => (c.ToResult(txId), c.BusinessId), cancellationToken);

    /// <summary>
    /// Fetches the result of a PDF signing without login with the token of its ticket login
    /// (<c>anonymous/pdfsigning/getResult</c>, contract §12.3). D70004 and D70005 come here, as outcomes.
    /// </summary>
    /// <param name="token">The access token from <c>getToken</c> with the code of the ticket login.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="IAmSmartException">A configuration, expiry or service failure.</exception>
    public virtual Task<SigningOutcome<PdfSigningResult>> GetAnonymousPdfSigningResultAsync(AccessToken token, CancellationToken cancellationToken = default)
        => GetResultAsync(
            IAmSmartFunctions.AnonymousPdfSigningResult, token, SigningJsonContext.Default.PdfSigningContent, (c, txId) => (c.ToResult(txId), c.BusinessId), cancellationToken);

    /// <summary>
    /// Tells iAM Smart what became of a signature (<c>account/signing/ackResult</c>, contract §12.1): accepted after
    /// verifying it, rejected, or never received. Used for hash and PDF signing alike.
    /// </summary>
    /// <param name="businessId">The signing request's <c>businessID</c>.</param>
    /// <param name="acknowledgement">What to report; <see cref="SigningAcknowledgement.Accepted"/> once the signature verifies.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A value is malformed. Nothing was sent.</exception>
    /// <exception cref="IAmSmartServiceException">iAM Smart could not process the acknowledgement (D70006), or another service failure.</exception>
    public virtual async Task AcknowledgeAsync(string businessId, SigningAcknowledgement acknowledgement, CancellationToken cancellationToken = default)
    {
        IAmSmartState.ThrowIfMalformedBusinessId(businessId, nameof(businessId));
        ArgumentException.ThrowIfNullOrWhiteSpace(acknowledgement.Value, nameof(acknowledgement));
        await _transport.SendWithoutResultAsync(
            IAmSmartFunctions.SigningAck,
            new SigningAckWireRequest { BusinessId = businessId, SigningResult = acknowledgement.Value },
            SigningJsonContext.Default.SigningAckWireRequest,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Verifies a hash signature against the hash the e-service asked to be signed: the result's <c>hashCode</c> must be
    /// <paramref name="expectedHashCode"/>, then the checks of <see cref="HashSignatureVerifier"/> (signature, key usage,
    /// validity at the signing time, chain to <see cref="SignatureVerificationOptions.TrustAnchors"/>, revocation).
    /// Nothing that came with the result is trusted by itself.
    /// </summary>
    /// <param name="result">The signature.</param>
    /// <param name="expectedHashCode">The <c>hashCode</c> sent with the request (Base64).</param>
    /// <param name="options">Trust anchors, convention (<see cref="HashSigningConvention.HashCodeIsDigest"/> for <c>NONEwithRSA</c>) and revocation.</param>
    /// <returns>Valid, or the first check that failed.</returns>
    public virtual SignatureVerificationResult Verify(HashSigningResult result, string expectedHashCode, SignatureVerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(expectedHashCode);
        ArgumentNullException.ThrowIfNull(options);
        return HashSignatureVerifier.SameHash(result.HashCode, expectedHashCode)
            ? Verify(result, options)
            : new SignatureVerificationResult(SignatureCheck.HashCode, "The signed hashCode is not the one the e-service asked to sign.");
    }

    /// <summary>
    /// Verifies a hash signature over the <c>hashCode</c> it carries. Prefer the overload with the expected hash: this
    /// one proves that the certificate's holder signed <em>that</em> hash, not that it is the hash you sent.
    /// </summary>
    /// <param name="result">The signature.</param>
    /// <param name="options">Trust anchors, convention and revocation.</param>
    /// <returns>Valid, or the first check that failed.</returns>
    public virtual SignatureVerificationResult Verify(HashSigningResult result, SignatureVerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        return new HashSignatureVerifier(options).Verify(result.HashCode, result.Signature, result.Certificate, result.Timestamp);
    }

    // Validates at once (nothing is stored or sent for a bad request) and returns the call to make with the operation's ids.
    private Func<string, string, CancellationToken, Task<SigningInitiation>> PrepareHashSigning(HashSigningRequest request, bool idsOptional)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string type = nameof(HashSigningRequest);
        SigningRequestRules.ValidateWithLogin(request, type, _options.Environment, idsOptional);
        SigningRequestRules.ValidateHashCode(
            request.HashCode, request.SignatureAlgorithm, $"{type}.{nameof(HashSigningRequest.HashCode)}", $"{type}.{nameof(HashSigningRequest.SignatureAlgorithm)}");
        var source = SigningRequestRules.ResolveSource(request.Source, request.UserAgent, request.AppTarget, type, _options.Environment);
        var app = request.AppTarget;
        var (redirectUri, serverRedirectUri) = AppTargetWire.CallbackUri(request.CallbackUri, app);
        return (businessId, state, cancellationToken) => InitiateWithLoginAsync(
            app is null ? IAmSmartFunctions.HashSigning : IAmSmartFunctions.AppHashSigning,
            new HashSigningWireRequest
            {
                BusinessId = businessId,
                AccessToken = request.AccessToken.Token,
                OpenId = request.AccessToken.OpenId,
                Source = source.Value,
                App = app,
                State = state,
                RedirectUri = redirectUri,
                ServerRedirectUri = serverRedirectUri,
                HashCode = request.HashCode,
                HkicHash = request.HkicHash,
                Department = request.Department,
                ServiceName = request.ServiceName,
                DocumentName = request.DocumentName,
                SigAlgo = request.SignatureAlgorithm?.Value,
                StepUp = StepUpOf(request.StepUpMethod, request.StepUpWaitingPeriodHours),
            },
            SigningJsonContext.Default.HashSigningWireRequest,
            businessId,
            cancellationToken);
    }

    private Func<string, string, CancellationToken, Task<SigningInitiation>> PreparePdfSigning(PdfSigningRequest request, bool idsOptional)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string type = nameof(PdfSigningRequest);
        SigningRequestRules.ValidateWithLogin(request, type, _options.Environment, idsOptional);
        SigningRequestRules.ValidateDocDigest(request.DocDigest, $"{type}.{nameof(PdfSigningRequest.DocDigest)}");
        var source = SigningRequestRules.ResolveSource(request.Source, request.UserAgent, request.AppTarget, type, _options.Environment);
        var app = request.AppTarget;
        var (redirectUri, serverRedirectUri) = AppTargetWire.CallbackUri(request.CallbackUri, app);
        return (businessId, state, cancellationToken) => InitiateWithLoginAsync(
            app is null ? IAmSmartFunctions.PdfSigning : IAmSmartFunctions.AppPdfSigning,
            new PdfSigningWireRequest
            {
                BusinessId = businessId,
                AccessToken = request.AccessToken.Token,
                OpenId = request.AccessToken.OpenId,
                Source = source.Value,
                App = app,
                State = state,
                RedirectUri = redirectUri,
                ServerRedirectUri = serverRedirectUri,
                DocDigest = request.DocDigest,
                HkicHash = request.HkicHash,
                Department = request.Department,
                ServiceName = request.ServiceName,
                DocumentName = request.DocumentName,
                StepUp = StepUpOf(request.StepUpMethod, request.StepUpWaitingPeriodHours),
            },
            SigningJsonContext.Default.PdfSigningWireRequest,
            businessId,
            cancellationToken);
    }

    private async Task<SigningOperation<TResult>> StartAsync<TResult>(
        IAmSmartFunction apiFunction,
        SigningRequest request,
        Func<string, string, CancellationToken, Task<SigningInitiation>> send,
        Func<IAmSmartCallback, SigningOutcome<TResult>> read,
        CancellationToken cancellationToken)
        where TResult : class
    {
        var (businessId, initiation) = await _operations.StartAsync(apiFunction, request.BusinessId, request.State, send, cancellationToken).ConfigureAwait(false);
        if (!initiation.IsStarted)
        {
            // Refused at once (who the user is): no callback will come, so nothing stays pending.
            await _operations.AbandonAsync(businessId).ConfigureAwait(false);
            return new SigningOperation<TResult>(
                apiFunction, initiation, SigningOutcome.NotSigned<TResult>(initiation.Refusal.Value, initiation.Code, initiation.BusinessId, initiation.TxId));
        }

        return new SigningOperation<TResult>(apiFunction, businessId, initiation, _operations, read);
    }

    private async Task<SigningOperation<TResult>> ResumeAsync<TResult>(
        IAmSmartFunction apiFunction, string businessId, Func<IAmSmartCallback, SigningOutcome<TResult>> read, CancellationToken cancellationToken)
        where TResult : class
    {
        await _operations.RequireAsync(apiFunction, businessId, cancellationToken).ConfigureAwait(false);
        return new SigningOperation<TResult>(apiFunction, businessId, initiation: null, _operations, read);
    }

    private async Task<SigningInitiation> InitiateWithLoginAsync<TWire>(
        IAmSmartFunction operation, TWire wire, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TWire> wireType, string businessId, CancellationToken cancellationToken)
    {
        SigningInitiationContent content;
        try
        {
            content = await _transport.SendAsync(operation, wire, wireType, SigningJsonContext.Default.SigningInitiationContent, cancellationToken).ConfigureAwait(false);
        }
        catch (IAmSmartUserOutcomeException ex)
        {
            // iAM Smart checks the signer when the request starts (D70004, D70005): who the user is, not a fault.
            return new SigningInitiation(businessId, null, false, null, null, SigningOutcome.ToStatus(ex.Outcome), ex.Code, ex.TxId);
        }

        var ticket = string.IsNullOrEmpty(content.TicketId) ? null : content.TicketId;
        var appLink = ticket is null ? null : IAmSmartAppLinks.Create(_options.Environment, IAmSmartFunctions.HashSigning, ticket);
        return new SigningInitiation(businessId, NullIfEmpty(content.SignCode), content.AuthByQr, ticket, appLink);
    }

    private async Task<AnonymousSigningInitiation> InitiateAnonymousAsync<TWire>(
        IAmSmartFunction operation,
        TWire wire,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TWire> wireType,
        AnonymousSigningRequest request,
        IAmSmartSource source,
        CancellationToken cancellationToken)
    {
        var content = await _transport.SendAsync(operation, wire, wireType, SigningJsonContext.Default.SigningInitiationContent, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(content.TicketId))
        {
            throw new IAmSmartServiceException($"iAM Smart {operation.Name} returned no ticketID.", isTransient: false);
        }

        return new AnonymousSigningInitiation(
            request.BusinessId!, request.State!, content.TicketId, NullIfEmpty(content.SignCode), content.AuthByQr, request.RedirectUri, source);
    }

    /// <summary>A request's step-up under the configured wire names (<see cref="IAmSmartOptions.StepUpFieldNames"/>, addendum §A1.4).</summary>
    private StepUpWire StepUpOf(SigningStepUpMethod? method, int? waitingPeriodHours)
        => new(method?.Value, waitingPeriodHours, _options.StepUpFieldNames);

    /// <summary>
    /// Checks the ticket login's redirect back for an anonymous signing request (hash, PDF or bulk): whether the user
    /// logged in. A user's refusal is <see langword="false"/>, not an exception.
    /// </summary>
    /// <exception cref="ArgumentException">The redirect carries another state or businessID: another request's, or forged.</exception>
    /// <exception cref="IAmSmartException">The redirect reports a fault of the request (for example D20008), not the user's choice.</exception>
    private static bool IsLoggedIn(AuthCallback redirect, string state, string businessId, string requestKind)
    {
        // The redirect is the browser's word: it must carry the state issued with this request (a CSRF check).
        if (!redirect.HasState(state))
        {
            throw new ArgumentException($"The redirect does not carry the state of this {requestKind} request: it belongs to another request, or is forged.", nameof(redirect));
        }

        if (redirect.BusinessId is not null && !string.Equals(redirect.BusinessId, businessId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The redirect names another businessID than this {requestKind} request.", nameof(redirect));
        }

        if (!redirect.IsSuccess && redirect.ErrorCode is { } error && redirect.Outcome is null)
        {
            // Not the user's choice but a fault of the request: the developer must act.
            throw ReturnCodes.ToException(error, serverMessage: null, txId: null, statusCode: null, $"anonymous {requestKind} login");
        }

        return redirect.IsSuccess;
    }

    private async Task<SigningOutcome<TResult>> CompleteAnonymousAsync<TResult>(
        AnonymousSigningInitiation initiation,
        AuthCallback redirect,
        Func<AccessToken, CancellationToken, Task<SigningOutcome<TResult>>> getResult,
        CancellationToken cancellationToken)
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(initiation);
        ArgumentNullException.ThrowIfNull(redirect);
        if (!IsLoggedIn(redirect, initiation.State, initiation.BusinessId, "signing"))
        {
            return SigningOutcome.NotSigned<TResult>(SigningOutcome.ToStatus(redirect.Outcome), redirect.ErrorCode, initiation.BusinessId);
        }

        var token = await _auth.GetTokenAsync(redirect.Code!, cancellationToken).ConfigureAwait(false);
        return await getResult(token, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SigningOutcome<TResult>> GetResultAsync<TContent, TResult>(
        IAmSmartFunction operation,
        AccessToken token,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TContent> contentType,
        Func<TContent, string?, (TResult Result, string? BusinessId)> read,
        CancellationToken cancellationToken)
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(token);
        TContent content;
        string? txId;
        try
        {
            (content, txId) = await _transport.SendWithTxIdAsync(
                operation,
                new SigningResultWireRequest { AccessToken = token.Token, OpenId = token.OpenId },
                SigningJsonContext.Default.SigningResultWireRequest,
                contentType,
                cancellationToken).ConfigureAwait(false);
        }
        catch (IAmSmartUserOutcomeException ex)
        {
            return SigningOutcome.NotSigned<TResult>(SigningOutcome.ToStatus(ex.Outcome), ex.Code, txId: ex.TxId);
        }
        catch (IAmSmartServiceException ex) when (ReturnCodes.TryGet(ex.Code, out var info) && info.NeedsNewRequest)
        {
            // D70002, D77000 (addendum §A2): iAM Smart could not sign this request; it is over, and only a new one can succeed.
            return SigningOutcome.NotSigned<TResult>(SigningStatus.Failed, ex.Code, txId: ex.TxId);
        }

        var (result, businessId) = read(content, null);
        return SigningOutcome.Signed(result, businessId, txId: txId);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
