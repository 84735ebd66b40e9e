using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Signing;

// Bulk signing (addendum §A4): one approval, many documents, results by paged multipart callback.
public partial class IAmSmartSigningClient
{
    /// <summary>Most documents in one bulk signing: "greater than 0 and less than 1001" (addendum §A4.2) [I].</summary>
    public const int BulkSigningMaxDocuments = 1000;

    /// <summary>Longest document <c>id</c>: ASCII, at most 36 characters (addendum §A4.2) [I].</summary>
    private const int BulkDocumentIdMaxLength = 36;

    private readonly BulkSigningCallbacks _bulk;

    /// <summary>
    /// Asks a logged-in user to sign several documents in one approval (<c>bdss/initiateRequest</c>, addendum §A4.2) and
    /// returns the operation: it begins and stores the operation, sends the request, and forgets the operation again if
    /// iAM Smart does not start it. iAM Smart then POSTs the BSQC token to <see cref="BulkSigningRequest.TokenCallbackUri"/>
    /// and the results, in pages, to <see cref="BulkSigningRequestBase.ResultCallbackUri"/> (map both with
    /// <c>MapIAmSmartBulkSigningCallbacks</c>); <see cref="IAmSmartOperation{T}.WaitForCompletionAsync"/> returns every
    /// document's outcome once the last page is in. With <see cref="BulkSigningRequest.AppTarget"/> set the request goes to
    /// the app variant (<c>appv1/bdss/initiateRequest</c>, addendum §A4.3) instead; the operation and callbacks are the same.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The operation; already completed with the refusal as its value when iAM Smart refused at once (D71004, D71005).</returns>
    /// <exception cref="ArgumentException">A value is invalid, the token lacks the <c>eidapi_bulksign</c> scope, or the <c>businessID</c> is pending already; the message names the property. Nothing was sent.</exception>
    /// <exception cref="IAmSmartException">A configuration, expiry or service failure; nothing is left pending.</exception>
    public virtual async Task<BulkSigningOperation> StartBulkSigningAsync(BulkSigningRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string type = nameof(BulkSigningRequest);
        var documents = ValidateBulk(request, type);
        var tokenName = $"{type}.{nameof(BulkSigningRequest.AccessToken)}";
        ArgumentNullException.ThrowIfNull(request.AccessToken, tokenName);
        if (request.AccessToken.Scopes.Count > 0 && !request.AccessToken.Scopes.Contains(IAmSmartScope.BulkSign))
        {
            throw new ArgumentException(
                $"{tokenName} was not granted the {IAmSmartScope.BulkSign} scope, so iAM Smart would refuse bulk signing (D20012): log the user in with IAmSmartScope.BulkSign among LoginRequest.Scopes.",
                tokenName);
        }

        if (request.AccessToken.UserType == IAmSmartUserType.Standard)
        {
            throw new ArgumentException(
                $"{tokenName} belongs to an iAM Smart user who is not iAM Smart+, who cannot sign (iAM Smart would answer D71004): check AccessToken.CanSign first.",
                tokenName);
        }

        RedirectUriRules.Validate(request.TokenCallbackUri, _options.Environment, $"{type}.{nameof(BulkSigningRequest.TokenCallbackUri)}");
        var source = SigningRequestRules.ResolveSource(request.Source, request.UserAgent, request.AppTarget, type, _options.Environment);
        var function = IAmSmartFunctions.BulkSigning; // the operation is the web function's, whichever variant starts it
        var (businessId, initiation) = await _operations.StartAsync(
            function,
            request.BusinessId,
            request.State,
            (id, state, ct) => InitiateBulkAsync(id, state, request, documents, source, ct),
            cancellationToken).ConfigureAwait(false);
        if (!initiation.IsStarted)
        {
            await _operations.AbandonAsync(businessId).ConfigureAwait(false);
            return new BulkSigningOperation(function, initiation, new BulkSigningOutcome(initiation.Refusal.Value, [], initiation.Code, businessId, initiation.TxId));
        }

        return new BulkSigningOperation(function, businessId, initiation, anonymousInitiation: null, _operations, _bulk.ReadOutcomeAsync);
    }

    /// <summary>
    /// Starts a bulk signing without login (<c>bdss/anonymous/initiateRequest</c>, addendum §A4.7): stores the operation,
    /// sends the request and returns the operation with its <see cref="BulkSigningOperation.AnonymousInitiation"/>.
    /// Redirect the browser to <c>client.Auth.CreateLoginUrl(operation.AnonymousInitiation.ToLoginRequest())</c>; when it
    /// comes back call <see cref="CompleteAnonymousBulkSigningLoginAsync"/>; the results come by callback as with login.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A value is invalid; the message names the property. Nothing was sent.</exception>
    /// <exception cref="IAmSmartException">A configuration or service failure; nothing is left pending.</exception>
    public virtual async Task<BulkSigningOperation> StartAnonymousBulkSigningAsync(AnonymousBulkSigningRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string type = nameof(AnonymousBulkSigningRequest);
        var documents = ValidateBulk(request, type);
        RedirectUriRules.Validate(request.LoginRedirectUri, _options.Environment, $"{type}.{nameof(AnonymousBulkSigningRequest.LoginRedirectUri)}");
        var source = IAmSmartAuthClient.ResolveSource(request.Source, request.UserAgent, $"{type}.{nameof(AnonymousBulkSigningRequest.Source)}");
        var function = IAmSmartFunctions.AnonymousBulkSigning;
        var (businessId, initiation) = await _operations.StartAsync(
            function,
            request.BusinessId,
            request.State,
            async (id, state, ct) =>
            {
                var wire = ToWire(id, state, request, documents);
                var content = await _transport.SendAsync(function, wire, BulkSigningJsonContext.Default.BulkSigningWireRequest, BulkSigningJsonContext.Default.BulkSigningInitiationContent, ct).ConfigureAwait(false);
                return string.IsNullOrEmpty(content.TicketId)
                    ? throw new IAmSmartServiceException($"iAM Smart {function.Name} returned no ticketID.", isTransient: false)
                    : new AnonymousBulkSigningInitiation(id, state, content.TicketId, content.AuthByQr, request.LoginRedirectUri, source);
            },
            cancellationToken).ConfigureAwait(false);
        return new BulkSigningOperation(function, businessId, initiation: null, initiation, _operations, _bulk.ReadOutcomeAsync);
    }

    /// <summary>
    /// Finishes the ticket login of a bulk signing without login: checks the redirect belongs to the request, exchanges
    /// its code (<c>getToken</c>) and fetches the BSQC token (<c>bdss/getBSQCToken</c>, addendum §A4.8), which it keeps
    /// with the operation. A cancelled or rejected login is no exception: it returns <see langword="null"/> and the
    /// operation stays pending until it expires.
    /// </summary>
    /// <param name="initiation">The initiation kept since <see cref="StartAnonymousBulkSigningAsync"/>.</param>
    /// <param name="redirect">The redirect back, parsed with <see cref="AuthCallback.Parse"/>.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>What identifies the request to <see cref="GetBulkSigningStatusAsync"/> and <see cref="CancelBulkSigningAsync"/>; <see langword="null"/> when the user did not log in.</returns>
    /// <exception cref="ArgumentException">The redirect carries another state or businessID.</exception>
    /// <exception cref="IAmSmartException">The redirect or a call reports a configuration, expiry or service failure.</exception>
    public virtual async Task<BulkSigningReference?> CompleteAnonymousBulkSigningLoginAsync(
        AnonymousBulkSigningInitiation initiation, AuthCallback redirect, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initiation);
        ArgumentNullException.ThrowIfNull(redirect);
        if (!IsLoggedIn(redirect, initiation.State, initiation.BusinessId, "bulk-signing"))
        {
            return null;
        }

        var token = await _auth.GetTokenAsync(redirect.Code!, cancellationToken).ConfigureAwait(false);
        var bsqcToken = await GetBulkSigningTokenAsync(token, cancellationToken).ConfigureAwait(false);
        await _bulk.KeepTokenAsync(initiation.BusinessId, bsqcToken, cancellationToken).ConfigureAwait(false);
        return new BulkSigningReference(bsqcToken, initiation.BusinessId, token.OpenId);
    }

    /// <summary>Resumes, on any instance sharing the operation store, a bulk signing with login started with <see cref="StartBulkSigningAsync"/>.</summary>
    /// <param name="businessId">The operation's <c>businessID</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">No bulk-signing operation with this <c>businessID</c> is pending.</exception>
    public virtual async Task<BulkSigningOperation> ResumeBulkSigningAsync(string businessId, CancellationToken cancellationToken = default)
    {
        await _operations.RequireAsync(IAmSmartFunctions.BulkSigning, businessId, cancellationToken).ConfigureAwait(false);
        return new BulkSigningOperation(IAmSmartFunctions.BulkSigning, businessId, null, null, _operations, _bulk.ReadOutcomeAsync);
    }

    /// <summary>Resumes, on any instance sharing the operation store, a bulk signing without login started with <see cref="StartAnonymousBulkSigningAsync"/>.</summary>
    /// <param name="businessId">The operation's <c>businessID</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">No anonymous bulk-signing operation with this <c>businessID</c> is pending.</exception>
    public virtual async Task<BulkSigningOperation> ResumeAnonymousBulkSigningAsync(string businessId, CancellationToken cancellationToken = default)
    {
        await _operations.RequireAsync(IAmSmartFunctions.AnonymousBulkSigning, businessId, cancellationToken).ConfigureAwait(false);
        return new BulkSigningOperation(IAmSmartFunctions.AnonymousBulkSigning, businessId, null, null, _operations, _bulk.ReadOutcomeAsync);
    }

    /// <summary>
    /// Accepts a bulk-signing callback (addendum §A3.3, §A3.4): the BSQC token (JSON) or a page of results
    /// (<c>multipart/form-data</c>, parts <c>sigFile</c> and <c>sigMetada</c>). Pages may come in any order and repeat;
    /// the operation completes when the last one is in. Never throws for a bad callback: the receipt says why.
    /// </summary>
    /// <param name="body">The request body exactly as received.</param>
    /// <param name="contentType">The request's <c>Content-Type</c> header (with its boundary); <see langword="null"/> for JSON.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<CallbackReceipt> AcceptBulkSigningCallbackAsync(ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellationToken = default)
        => _bulk.AcceptAsync(body, contentType, cancellationToken);

    /// <summary>
    /// Accepts a bulk-signing callback read from <paramref name="body"/>, as
    /// <see cref="AcceptBulkSigningCallbackAsync(ReadOnlyMemory{byte}, string, CancellationToken)"/> does, without holding
    /// the body whole: a result page is read part by part and its <c>sigFile</c> (up to 1000 signatures, many megabytes)
    /// decrypted in the pooled buffer it was read into, so memory is about one copy of that part instead of the body plus
    /// its plaintext. A body larger than <paramref name="maxBodySize"/> is refused (<see cref="Callbacks.CallbackRejection.TooLarge"/>)
    /// without reading on; a malformed one (<see cref="Callbacks.CallbackRejection.Malformed"/>) at the first defect.
    /// </summary>
    /// <param name="body">The request body, read from its current position; not disposed.</param>
    /// <param name="contentType">The request's <c>Content-Type</c> header (with its boundary); <see langword="null"/> for JSON.</param>
    /// <param name="maxBodySize">The largest body accepted, in bytes.</param>
    /// <param name="cancellationToken">Cancels the call; pass the request's abort token, or one with a deadline, so that a stalled sender does not hold the read.</param>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBodySize"/> is not positive.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled; nothing was stored.</exception>
    public virtual Task<CallbackReceipt> AcceptBulkSigningCallbackAsync(Stream body, string? contentType, long maxBodySize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (maxBodySize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBodySize), maxBodySize, "The largest body accepted must be positive.");
        }

        return _bulk.AcceptAsync(body, contentType, maxBodySize, cancellationToken);
    }

    /// <summary>The BSQC token iAM Smart sent for a bulk signing (token callback, or kept by <see cref="CompleteAnonymousBulkSigningLoginAsync"/>), if it has arrived.</summary>
    /// <param name="businessId">The operation's <c>businessID</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<string?> FindBulkSigningTokenAsync(string businessId, CancellationToken cancellationToken = default)
    {
        IAmSmartState.ThrowIfMalformedBusinessId(businessId, nameof(businessId));
        return _bulk.GetTokenAsync(businessId, cancellationToken);
    }

    /// <summary>Fetches the BSQC token of an anonymous bulk signing with the token of its ticket login (<c>bdss/getBSQCToken</c>, addendum §A4.8).</summary>
    /// <param name="token">The access token from the ticket login.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="IAmSmartException">A configuration, expiry or service failure.</exception>
    public virtual async Task<string> GetBulkSigningTokenAsync(AccessToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var content = await _transport.SendAsync(
            IAmSmartFunctions.BulkSigningToken,
            new BulkSigningTokenWireRequest { AccessToken = token.Token, OpenId = token.OpenId },
            BulkSigningJsonContext.Default.BulkSigningTokenWireRequest,
            BulkSigningJsonContext.Default.BulkSigningTokenContent,
            cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(content.BsqcToken)
            ? throw new IAmSmartServiceException("iAM Smart bdss.getBSQCToken returned no BSQCToken.", isTransient: false)
            : content.BsqcToken;
    }

    /// <summary>Asks where a bulk signing stands (<c>bdss/enquireStatus</c>, addendum §A4.6): SS001–SS006. Safe to repeat.</summary>
    /// <param name="reference">The BSQC token, <c>businessID</c> and <c>openID</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A value of <paramref name="reference"/> is malformed; nothing was sent.</exception>
    /// <exception cref="IAmSmartException">The token is unknown (D71008), or another failure.</exception>
    public virtual async Task<BulkSigningStatusResult> GetBulkSigningStatusAsync(BulkSigningReference reference, CancellationToken cancellationToken = default)
    {
        var content = await _transport.SendAsync(
            IAmSmartFunctions.BulkSigningStatus,
            ToWire(reference),
            BulkSigningJsonContext.Default.BulkSigningReferenceWireRequest,
            BulkSigningJsonContext.Default.BulkSigningStatusContent,
            cancellationToken).ConfigureAwait(false);
        var value = content.Status ?? string.Empty;
        return new BulkSigningStatusResult(BulkSigningStatusResult.Parse(value), value);
    }

    /// <summary>
    /// Cancels a bulk signing while it is Pending for Signing (<c>bdss/cancelRequest</c>, addendum §A4.6).
    /// </summary>
    /// <param name="reference">The BSQC token, <c>businessID</c> and <c>openID</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when cancelled; <see langword="false"/> when the request is no longer pending (D71007): ask <see cref="GetBulkSigningStatusAsync"/>, do not retry.</returns>
    /// <exception cref="ArgumentException">A value of <paramref name="reference"/> is malformed; nothing was sent.</exception>
    /// <exception cref="IAmSmartException">The token is unknown (D71008), or another failure.</exception>
    public virtual async Task<bool> CancelBulkSigningAsync(BulkSigningReference reference, CancellationToken cancellationToken = default)
    {
        var wire = ToWire(reference);
        try
        {
            await _transport.SendWithoutResultAsync(IAmSmartFunctions.BulkSigningCancel, wire, BulkSigningJsonContext.Default.BulkSigningReferenceWireRequest, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (IAmSmartException ex) when (string.Equals(ex.Code, "D71007", StringComparison.Ordinal))
        {
            return false;
        }
    }

    /// <summary>
    /// Acknowledges the results of a bulk signing as a whole (<c>bdss/ackResult</c>, addendum §A4.5); send it whether
    /// signing succeeded or not.
    /// </summary>
    /// <param name="businessId">The request's <c>businessID</c>.</param>
    /// <param name="acknowledgement">What to report for every document.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A value is malformed. Nothing was sent.</exception>
    /// <exception cref="IAmSmartServiceException">iAM Smart could not process it (D71006: send it again), or another failure.</exception>
    public virtual Task AcknowledgeBulkSigningAsync(string businessId, SigningAcknowledgement acknowledgement, CancellationToken cancellationToken = default)
    {
        IAmSmartState.ThrowIfMalformedBusinessId(businessId, nameof(businessId));
        ArgumentException.ThrowIfNullOrWhiteSpace(acknowledgement.Value, nameof(acknowledgement));
        return SendBulkAckAsync(new BulkSigningAckWireRequest { BusinessId = businessId, SigningResult = acknowledgement.Value }, cancellationToken);
    }

    /// <summary>
    /// Acknowledges the results of a bulk signing document by document (<c>bdss/ackResult</c> with an empty
    /// <c>signingResult</c> and <c>signatures</c>, addendum §A4.5): for example <see cref="SigningAcknowledgement.Accepted"/>
    /// for each signature that verifies and <see cref="SigningAcknowledgement.Rejected"/> for one that does not. Once per
    /// page of results, after reading it, is the SDK's reading [G].
    /// </summary>
    /// <param name="businessId">The request's <c>businessID</c>.</param>
    /// <param name="documents">One acknowledgement per document, at least one, each id once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A value is malformed, the list is empty, or an id repeats. Nothing was sent.</exception>
    /// <exception cref="IAmSmartServiceException">iAM Smart could not process it (D71006: send it again), or another failure.</exception>
    public virtual Task AcknowledgeBulkSigningAsync(string businessId, IReadOnlyList<BulkDocumentAcknowledgement> documents, CancellationToken cancellationToken = default)
    {
        IAmSmartState.ThrowIfMalformedBusinessId(businessId, nameof(businessId));
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            throw new ArgumentException("At least one document acknowledgement is needed; use the overload with one SigningAcknowledgement for the whole request.", nameof(documents));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var wire = new List<BulkDocumentAckWire>(documents.Count);
        foreach (var document in documents)
        {
            ArgumentNullException.ThrowIfNull(document, nameof(documents));
            ValidateDocumentId(document.Id, $"{nameof(documents)}[].{nameof(BulkDocumentAcknowledgement.Id)}");
            ArgumentException.ThrowIfNullOrWhiteSpace(document.Acknowledgement.Value, $"{nameof(documents)}[].{nameof(BulkDocumentAcknowledgement.Acknowledgement)}");
            if (!seen.Add(document.Id))
            {
                throw new ArgumentException("Each document is acknowledged once; an id repeats.", nameof(documents));
            }

            wire.Add(new BulkDocumentAckWire { Id = document.Id, SigningResult = document.Acknowledgement.Value });
        }

        return SendBulkAckAsync(new BulkSigningAckWireRequest { BusinessId = businessId, SigningResult = string.Empty, Signatures = wire }, cancellationToken);
    }

    private async Task SendBulkAckAsync(BulkSigningAckWireRequest wire, CancellationToken cancellationToken)
        => await _transport.SendWithoutResultAsync(IAmSmartFunctions.BulkSigningAck, wire, BulkSigningJsonContext.Default.BulkSigningAckWireRequest, cancellationToken).ConfigureAwait(false);

    private async Task<BulkSigningInitiation> InitiateBulkAsync(
        string businessId, string state, BulkSigningRequest request, IReadOnlyList<BulkDocumentWire> documents, IAmSmartSource source, CancellationToken cancellationToken)
    {
        var wire = ToWire(businessId, state, request, documents);
        var app = request.AppTarget;
        var (redirectUri, serverRedirectUri) = AppTargetWire.CallbackUri(request.TokenCallbackUri, app);
        var withLogin = new BulkSigningWireRequest
        {
            BusinessId = wire.BusinessId,
            AccessToken = request.AccessToken.Token,
            OpenId = request.AccessToken.OpenId,
            RedirectUri = redirectUri,
            ServerRedirectUri = serverRedirectUri,
            CallbackResultUri = wire.CallbackResultUri,
            Source = source.Value,
            App = app,
            State = wire.State,
            HkicHash = wire.HkicHash,
            Department = wire.Department,
            ServiceName = wire.ServiceName,
            RequestName = wire.RequestName,
            MaxCallbackSigs = wire.MaxCallbackSigs,
            StepUp = wire.StepUp,
            Documents = wire.Documents,
        };
        BulkSigningInitiationContent content;
        try
        {
            content = await _transport.SendAsync(
                app is null ? IAmSmartFunctions.BulkSigning : IAmSmartFunctions.AppBulkSigning, withLogin, BulkSigningJsonContext.Default.BulkSigningWireRequest, BulkSigningJsonContext.Default.BulkSigningInitiationContent, cancellationToken).ConfigureAwait(false);
        }
        catch (IAmSmartUserOutcomeException ex)
        {
            // iAM Smart checks the signer when the request starts (D71004, D71005): who the user is, not a fault.
            return new BulkSigningInitiation(businessId, false, null, SigningOutcome.ToStatus(ex.Outcome), ex.Code, ex.TxId);
        }

        return new BulkSigningInitiation(businessId, content.AuthByQr, string.IsNullOrEmpty(content.TicketId) ? null : content.TicketId);
    }

    private BulkSigningWireRequest ToWire(string businessId, string state, BulkSigningRequestBase request, IReadOnlyList<BulkDocumentWire> documents) => new()
    {
        BusinessId = businessId,
        CallbackResultUri = RedirectUriRules.ForJsonBody(request.ResultCallbackUri),
        State = state,
        HkicHash = request.HkicHash,
        Department = request.Department,
        ServiceName = request.ServiceName,
        RequestName = request.RequestName,
        MaxCallbackSigs = request.MaxSignaturesPerCallback,
        StepUp = StepUpOf(request.StepUpMethod, request.StepUpWaitingPeriodHours),
        Documents = documents,
    };

    private static BulkSigningReferenceWireRequest ToWire(BulkSigningReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(reference.BsqcToken, $"{nameof(BulkSigningReference)}.{nameof(BulkSigningReference.BsqcToken)}");
        IAmSmartState.ThrowIfMalformedBusinessId(reference.BusinessId, $"{nameof(BulkSigningReference)}.{nameof(BulkSigningReference.BusinessId)}");
        ArgumentException.ThrowIfNullOrWhiteSpace(reference.OpenId, $"{nameof(BulkSigningReference)}.{nameof(BulkSigningReference.OpenId)}");
        return new BulkSigningReferenceWireRequest { BsqcToken = reference.BsqcToken, BusinessId = reference.BusinessId, OpenId = reference.OpenId };
    }

    /// <summary>The checks of addendum §A4.2 and §A1, before anything is stored or sent; returns the documents' wire form.</summary>
    private List<BulkDocumentWire> ValidateBulk(BulkSigningRequestBase request, string type)
    {
        if (request.BusinessId is not null)
        {
            IAmSmartState.ThrowIfMalformedBusinessId(request.BusinessId, $"{type}.{nameof(BulkSigningRequestBase.BusinessId)}");
        }

        if (request.State is not null)
        {
            IAmSmartState.ThrowIfMalformed(request.State, $"{type}.{nameof(BulkSigningRequestBase.State)}");
        }

        if (request.Department is not null)
        {
            SigningRequestRules.ValidateText(request.Department, SigningRequestRules.DepartmentMaxLength, $"{type}.{nameof(BulkSigningRequestBase.Department)}");
        }

        SigningRequestRules.ValidateText(request.ServiceName, SigningRequestRules.NameMaxLength, $"{type}.{nameof(BulkSigningRequestBase.ServiceName)}");
        SigningRequestRules.ValidateText(request.RequestName, SigningRequestRules.NameMaxLength, $"{type}.{nameof(BulkSigningRequestBase.RequestName)}");
        if (request.HkicHash is not null)
        {
            SigningRequestRules.ValidateHkicHash(request.HkicHash, $"{type}.{nameof(BulkSigningRequestBase.HkicHash)}");
        }

        var maxName = $"{type}.{nameof(BulkSigningRequestBase.MaxSignaturesPerCallback)}";
        if (request.MaxSignaturesPerCallback is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, maxName);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(max, BulkSigningMaxDocuments, maxName);
        }

        SigningRequestRules.ValidateStepUp(request.StepUpMethod, request.StepUpWaitingPeriodHours, type);
        RedirectUriRules.Validate(request.ResultCallbackUri, _options.Environment, $"{type}.{nameof(BulkSigningRequestBase.ResultCallbackUri)}");

        var documentsName = $"{type}.{nameof(BulkSigningRequestBase.Documents)}";
        ArgumentNullException.ThrowIfNull(request.Documents, documentsName);
        if (request.Documents.Count is 0 or > BulkSigningMaxDocuments)
        {
            throw new ArgumentException($"{documentsName} must hold 1 to {BulkSigningMaxDocuments} documents (got {request.Documents.Count}).", documentsName);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var wire = new List<BulkDocumentWire>(request.Documents.Count);
        for (var i = 0; i < request.Documents.Count; i++)
        {
            var name = $"{documentsName}[{i}]";
            var document = request.Documents[i] ?? throw new ArgumentException($"{name} is null.", documentsName);
            ValidateDocumentId(document.Id, $"{name}.{nameof(BulkSigningDocument.Id)}");
            if (!ids.Add(document.Id))
            {
                throw new ArgumentException($"{name}.{nameof(BulkSigningDocument.Id)} repeats the id of an earlier document; each id must be unique.", $"{name}.{nameof(BulkSigningDocument.Id)}");
            }

            SigningRequestRules.ValidateText(document.DocumentName, SigningRequestRules.NameMaxLength, $"{name}.{nameof(BulkSigningDocument.DocumentName)}");
            wire.Add(document switch
            {
                BulkHashDocument hash => ToWire(hash, name),
                BulkPdfDocument pdf => ToWire(pdf, name),
                _ => throw new ArgumentException($"{name} must be a {nameof(BulkHashDocument)} or a {nameof(BulkPdfDocument)}.", documentsName),
            });
        }

        return wire;
    }

    private static BulkDocumentWire ToWire(BulkHashDocument document, string name)
    {
        SigningRequestRules.ValidateHashCode(
            document.HashCode, document.SignatureAlgorithm, $"{name}.{nameof(BulkHashDocument.HashCode)}", $"{name}.{nameof(BulkHashDocument.SignatureAlgorithm)}");
        return new BulkDocumentWire { Id = document.Id, DocumentName = document.DocumentName, HashCode = document.HashCode, SigAlgo = document.SignatureAlgorithm?.Value };
    }

    private static BulkDocumentWire ToWire(BulkPdfDocument document, string name)
    {
        SigningRequestRules.ValidateDocDigest(document.DocDigest, $"{name}.{nameof(BulkPdfDocument.DocDigest)}");
        return new BulkDocumentWire { Id = document.Id, DocumentName = document.DocumentName, DocDigest = document.DocDigest };
    }

    private static void ValidateDocumentId(string? id, string parameter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, parameter);
        if (id.Length > BulkDocumentIdMaxLength || !id.All(c => c is > ' ' and < (char)0x7F))
        {
            throw new ArgumentException($"{parameter} must be 1 to {BulkDocumentIdMaxLength} printable ASCII characters without spaces.", parameter);
        }
    }
}
