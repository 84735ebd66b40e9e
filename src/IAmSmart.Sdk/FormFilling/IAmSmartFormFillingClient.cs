using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Consent;
using IAmSmart.Sdk.Diagnostics;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>
/// Asks a user for personal data: profile and e-ME form filling with login (answered by callback), anonymous e-ME
/// (answered through the login redirect and <c>getResult</c>), and, as an explicit opt-in, the synchronous
/// <c>profiles</c> call. Every request is checked before anything is stored or sent, and every answer, whatever it is,
/// is a <see cref="DataRequestResult"/> with a <see cref="ConsentReceipt"/> handed to the receipt sink.
/// </summary>
public class IAmSmartFormFillingClient
{
    /// <summary>The diagnostic id that <see cref="GetProfilesAsync"/> raises until the caller acknowledges it is inferred.</summary>
    public const string InferredProfilesDiagnosticId = "IAMSMART0001";

    private readonly IAmSmartTransport _transport;
    private readonly IAmSmartOptions _options;
    private readonly IAmSmartAuthClient _auth;
    private readonly PendingOperations _operations;
    private readonly IAmSmartConsentClient _consent;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal IAmSmartFormFillingClient(
        IAmSmartTransport transport,
        IAmSmartOptions options,
        IAmSmartAuthClient auth,
        PendingOperations operations,
        IAmSmartConsentClient consent,
        TimeProvider time,
        ILoggerFactory? loggerFactory)
    {
        _transport = transport;
        _options = options;
        _auth = auth;
        _operations = operations;
        _consent = consent;
        _time = time;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<IAmSmartFormFillingClient>();
    }

    /// <summary>For mocking frameworks only.</summary>
    protected IAmSmartFormFillingClient()
    {
        _transport = null!;
        _options = null!;
        _auth = null!;
        _operations = null!;
        _consent = null!;
        _time = null!;
        _logger = NullLogger.Instance;
    }

    /// <summary>
    /// The scopes put in the login URL of an anonymous e-ME flow. [I]: no source shows the scope S4 sends with a
    /// ticket; the form-filling scope is the one the function belongs to.
    /// </summary>
    public static IReadOnlyList<IAmSmartScope> AnonymousEMeLoginScopes { get; } = [IAmSmartScope.FormFilling];

    /// <summary>
    /// Asks a logged-in user for profile data (<c>account/auth/profile/initiateRequest</c>, contract §7.1) and returns the
    /// operation: <see cref="RequestProfileAsync"/> with the result to wait for
    /// (<see cref="IAmSmartOperation{T}.WaitForCompletionAsync"/>).
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A value is invalid; the message names it. Nothing was stored or sent.</exception>
    /// <exception cref="IAmSmartConfigurationException">The token lacks the scope (D20012, checked before any call), or iAM Smart refused the request.</exception>
    public virtual async Task<DataRequestOperation> StartProfileAsync(ProfileRequest request, CancellationToken cancellationToken = default)
        => Operation(await RequestProfileAsync(request, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Asks a logged-in user to fill in a form with e-ME data (<c>account/eme/initiateRequest</c>, contract §8) and
    /// returns the operation: <see cref="RequestEMeAsync"/> with the result to wait for.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A value is invalid; the message names it. Nothing was stored or sent.</exception>
    /// <exception cref="IAmSmartConfigurationException">The token lacks the scope (D20012, checked before any call), or iAM Smart refused the request.</exception>
    public virtual async Task<DataRequestOperation> StartEMeAsync(EMeRequest request, CancellationToken cancellationToken = default)
        => Operation(await RequestEMeAsync(request, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Resumes, on any instance sharing the operation store, a profile or e-ME request with login from its
    /// <see cref="PendingDataRequest"/> (kept, for example, in the session).
    /// </summary>
    /// <param name="request">The pending request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">
    /// The request is anonymous, or it is not in the store although it cannot have expired yet (never started, or
    /// started on an instance with another store).
    /// </exception>
    public virtual async Task<DataRequestOperation> ResumeAsync(PendingDataRequest request, CancellationToken cancellationToken = default)
    {
        RequireWithLogin(request);
        if (_time.GetUtcNow() < request.RequestedAt + _options.PendingOperations.Lifetime)
        {
            await _operations.RequireAsync(request.Function, request.BusinessId, cancellationToken).ConfigureAwait(false);
        }

        return Operation(request);
    }

    /// <summary>
    /// Asks a logged-in user for profile data (<c>account/auth/profile/initiateRequest</c>, contract §7.1). The operation
    /// is started in <see cref="IAmSmartClient.Operations"/> first, so the callback is recognised however quick it is;
    /// read the result with <see cref="WaitForResultAsync"/>.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A value is invalid; the message names it. Nothing was stored or sent.</exception>
    /// <exception cref="IAmSmartConfigurationException">The token lacks the scope (D20012, checked before any call), or iAM Smart refused the request.</exception>
    public virtual async Task<PendingDataRequest> RequestProfileAsync(ProfileRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string name = nameof(ProfileRequest);
        ArgumentNullException.ThrowIfNull(request.AccessToken, $"{name}.{nameof(ProfileRequest.AccessToken)}");
        var fields = DataRequestValidation.FieldNames(
            request.Fields?.Select(f => f.Value), DataRequestValidation.KnownProfileFields, request.AllowFieldNamesUnknownToSdk, $"{name}.{nameof(ProfileRequest.Fields)}");
        RedirectUriRules.Validate(request.CallbackUri, _options.Environment, $"{name}.{nameof(ProfileRequest.CallbackUri)}");
        ValidateBusinessId(request.BusinessId, $"{name}.{nameof(ProfileRequest.BusinessId)}");
        var source = ResolveSource(request.Source, request.UserAgent, $"{name}.{nameof(ProfileRequest.Source)}");
        var lang = LanguageValue(request.Language, $"{name}.{nameof(ProfileRequest.Language)}");
        var callbackContentType = CallbackContentTypeValue(request.CallbackContentType, $"{name}.{nameof(ProfileRequest.CallbackContentType)}");
        ConsentPreflight.EnsureGranted(request.AccessToken, IAmSmartFunctions.Profile);

        var operation = await BeginAsync(IAmSmartFunctions.Profile, request.BusinessId, cancellationToken).ConfigureAwait(false);
        var requestedAt = operation.CreatedAt; // the operation's lifetime runs from here
        var content = await InitiateAsync(
            operation.BusinessId,
            IAmSmartFunctions.Profile,
            new ProfileWireRequest
            {
                OpenId = request.AccessToken.OpenId,
                AccessToken = request.AccessToken.Token,
                BusinessId = operation.BusinessId,
                Source = source.Value,
                RedirectUri = RedirectUriRules.ForJsonBody(request.CallbackUri),
                State = operation.State,
                ProfileFields = fields,
                Lang = lang,
                CallbackContentType = callbackContentType,
            },
            FormFillingWireJsonContext.Default.ProfileWireRequest,
            cancellationToken).ConfigureAwait(false);
        return Pending(IAmSmartFunctions.Profile, operation.BusinessId, content, fields, purpose: null, requestedAt);
    }

    /// <summary>
    /// Asks a logged-in user to fill a form from e-ME (<c>account/eme/initiateRequest</c>, contract §8). The operation is
    /// started in <see cref="IAmSmartClient.Operations"/> first; read the result with <see cref="WaitForResultAsync"/>.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A value is invalid; the message names it. Nothing was stored or sent.</exception>
    /// <exception cref="IAmSmartConfigurationException">The token lacks <c>eidapi_formFilling</c> (D20012, checked before any call), or iAM Smart refused the request.</exception>
    public virtual async Task<PendingDataRequest> RequestEMeAsync(EMeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string name = nameof(EMeRequest);
        ArgumentNullException.ThrowIfNull(request.AccessToken, $"{name}.{nameof(EMeRequest.AccessToken)}");
        var fields = DataRequestValidation.FieldNames(
            request.Fields?.Select(f => f.Value), DataRequestValidation.KnownEMeFields, request.AllowFieldNamesUnknownToSdk, $"{name}.{nameof(EMeRequest.Fields)}");
        DataRequestValidation.Form(request.Form, $"{name}.{nameof(EMeRequest.Form)}");
        RedirectUriRules.Validate(request.CallbackUri, _options.Environment, $"{name}.{nameof(EMeRequest.CallbackUri)}");
        ValidateBusinessId(request.BusinessId, $"{name}.{nameof(EMeRequest.BusinessId)}");
        var source = ResolveSource(request.Source, request.UserAgent, $"{name}.{nameof(EMeRequest.Source)}");
        var lang = LanguageValue(request.Language, $"{name}.{nameof(EMeRequest.Language)}");
        var callbackContentType = CallbackContentTypeValue(request.CallbackContentType, $"{name}.{nameof(EMeRequest.CallbackContentType)}");
        ConsentPreflight.EnsureGranted(request.AccessToken, IAmSmartFunctions.EMe);

        var operation = await BeginAsync(IAmSmartFunctions.EMe, request.BusinessId, cancellationToken).ConfigureAwait(false);
        var requestedAt = operation.CreatedAt; // the operation's lifetime runs from here
        var content = await InitiateAsync(
            operation.BusinessId,
            IAmSmartFunctions.EMe,
            new EMeWireRequest
            {
                OpenId = request.AccessToken.OpenId,
                AccessToken = request.AccessToken.Token,
                BusinessId = operation.BusinessId,
                Source = source.Value,
                RedirectUri = RedirectUriRules.ForJsonBody(request.CallbackUri),
                State = operation.State,
                Lang = lang,
                EMeFields = fields,
                FormName = request.Form.Name,
                FormNum = request.Form.Number,
                FormDesc = request.Form.Description,
                CallbackContentType = callbackContentType,
            },
            FormFillingWireJsonContext.Default.EMeWireRequest,
            cancellationToken).ConfigureAwait(false);
        return Pending(IAmSmartFunctions.EMe, operation.BusinessId, content, fields, Purpose(request.Form), requestedAt);
    }

    /// <summary>
    /// Starts an anonymous e-ME request (<c>anonymous/eme/initiateRequest</c>, contract §9.1): no login is needed. Then
    /// send the user to <see cref="CreateAnonymousLoginUrl"/> and, when the browser comes back, call
    /// <see cref="CompleteAnonymousEMeAsync"/>.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A value is invalid; the message names it. Nothing was sent.</exception>
    public virtual async Task<PendingDataRequest> RequestAnonymousEMeAsync(AnonymousEMeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string name = nameof(AnonymousEMeRequest);
        var fields = DataRequestValidation.FieldNames(
            request.Fields?.Select(f => f.Value), DataRequestValidation.KnownEMeFields, request.AllowFieldNamesUnknownToSdk, $"{name}.{nameof(AnonymousEMeRequest.Fields)}");
        DataRequestValidation.Form(request.Form, $"{name}.{nameof(AnonymousEMeRequest.Form)}");
        ValidateBusinessId(request.BusinessId, $"{name}.{nameof(AnonymousEMeRequest.BusinessId)}");
        var lang = LanguageValue(request.Language, $"{name}.{nameof(AnonymousEMeRequest.Language)}");

        var businessId = request.BusinessId ?? IAmSmartState.Generate();
        var requestedAt = _time.GetUtcNow();
        var content = await _transport.SendAsync(
            IAmSmartFunctions.AnonymousEMe,
            new AnonymousEMeWireRequest
            {
                BusinessId = businessId,
                Lang = lang,
                EMeFields = fields,
                FormName = request.Form.Name,
                FormNum = request.Form.Number,
                FormDesc = request.Form.Description,
            },
            FormFillingWireJsonContext.Default.AnonymousEMeWireRequest,
            AuthJsonContext.Default.InitiationContent,
            cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(content.TicketId))
        {
            throw new IAmSmartServiceException("iAM Smart anonymous.eme.initiateRequest returned no ticketID.", isTransient: false);
        }

        return new PendingDataRequest
        {
            Function = IAmSmartFunctions.AnonymousEMe,
            BusinessId = businessId,
            TicketId = content.TicketId,
            RequestedFields = fields,
            Purpose = Purpose(request.Form),
            RequestedAt = requestedAt,
        };
    }

    /// <summary>
    /// The login URL of an anonymous e-ME request: <c>auth/getQR</c> with its <c>ticketID</c> and
    /// <see cref="AnonymousEMeLoginScopes"/>, made by <see cref="IAmSmartAuthClient.CreateLoginUrl"/>. Keep
    /// <see cref="LoginUrl.State"/> to pass to <see cref="CompleteAnonymousEMeAsync"/>.
    /// </summary>
    /// <param name="request">The pending anonymous request.</param>
    /// <param name="redirectUri">Where the browser comes back with <c>code</c>, <c>state</c> and <c>businessID</c>; registered in the ESP.</param>
    /// <param name="source">The source; when <see langword="null"/>, detected from <paramref name="userAgent"/>.</param>
    /// <param name="userAgent">The browser's User-Agent.</param>
    /// <param name="language">The language of iAM Smart's pages.</param>
    /// <exception cref="ArgumentException">The request is not an anonymous one with a ticket, or a value is invalid.</exception>
    public virtual LoginUrl CreateAnonymousLoginUrl(PendingDataRequest request, Uri redirectUri, IAmSmartSource? source = null, string? userAgent = null, IAmSmartLanguage? language = null)
    {
        RequireAnonymous(request);
        return _auth.CreateLoginUrl(new LoginRequest
        {
            RedirectUri = redirectUri,
            Scopes = [.. AnonymousEMeLoginScopes],
            Source = source,
            UserAgent = userAgent,
            Language = language,
            TicketId = request.TicketId,
        });
    }

    /// <summary>
    /// Finishes an anonymous e-ME request from the browser's return (contract §9.1 steps 3–5): checks the state and the
    /// <c>businessID</c>, exchanges the code (<c>getToken</c>) and fetches the data (<c>getResult</c>). A refusal in the
    /// redirect (<c>error_code</c>) becomes a result, not an exception; a receipt is recorded either way.
    /// </summary>
    /// <param name="request">The pending anonymous request.</param>
    /// <param name="redirect">The parsed redirect (<see cref="AuthCallback.Parse"/> on the raw query).</param>
    /// <param name="expectedState">The state of the login URL (<see cref="LoginUrl.State"/>).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <exception cref="ArgumentException">The state or the <c>businessID</c> of the redirect is not this request's: it may be forged; no call was made.</exception>
    public virtual async Task<DataRequestResult> CompleteAnonymousEMeAsync(PendingDataRequest request, AuthCallback redirect, string expectedState, CancellationToken cancellationToken = default)
    {
        RequireAnonymous(request);
        ArgumentNullException.ThrowIfNull(redirect);
        ArgumentException.ThrowIfNullOrEmpty(expectedState);
        if (!redirect.HasState(expectedState))
        {
            throw new ArgumentException("The redirect's state is not the one issued with the login URL; it is not this user's redirect. No call was made.", nameof(redirect));
        }

        if (redirect.BusinessId is not null && !IAmSmartState.FixedTimeEquals(request.BusinessId, redirect.BusinessId))
        {
            throw new ArgumentException("The redirect's businessID is not this request's. No call was made.", nameof(redirect));
        }

        if (!redirect.IsSuccess)
        {
            return await RecordAsync(request, OutcomeOf(redirect.Outcome), redirect.ErrorCode, txId: null, data: null, [], [], answeredAt: null, cancellationToken).ConfigureAwait(false);
        }

        var token = await _auth.GetTokenAsync(redirect.Code!, cancellationToken).ConfigureAwait(false);
        return await GetAnonymousEMeResultAsync(request, token, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fetches the data of an anonymous e-ME request with the token its code was exchanged for
    /// (<c>anonymous/eme/getResult</c>, contract §9.1 step 5). Use <see cref="CompleteAnonymousEMeAsync"/> unless the
    /// application exchanges the code itself.
    /// </summary>
    /// <param name="request">The pending anonymous request.</param>
    /// <param name="token">The access token from the redirect's code.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<DataRequestResult> GetAnonymousEMeResultAsync(PendingDataRequest request, AccessToken token, CancellationToken cancellationToken = default)
    {
        RequireAnonymous(request);
        ArgumentNullException.ThrowIfNull(token);
        return await FetchAsync(
            request,
            IAmSmartFunctions.AnonymousEMeResult,
            new AnonymousResultWireRequest { AccessToken = token.Token, OpenId = token.OpenId },
            FormFillingWireJsonContext.Default.AnonymousResultWireRequest,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gets profile and e-ME data at once, with no prompt in the app (<c>profiles</c>, contract §7.2): consent was given at
    /// login under <c>eidapi_profiles</c>. <b>Inferred from one implementation only</b> (S5); the path and behaviour may
    /// differ on the real service. Calling it raises diagnostic <c>IAMSMART0001</c>; suppress it to acknowledge that.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A value is invalid; the message names it. Nothing was sent.</exception>
    /// <exception cref="IAmSmartConfigurationException">The token lacks <c>eidapi_profiles</c> (D20012, checked before any call), or iAM Smart refused the request.</exception>
    [Experimental(InferredProfilesDiagnosticId)]
    public virtual async Task<DataRequestResult> GetProfilesAsync(ProfilesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string name = nameof(ProfilesRequest);
        ArgumentNullException.ThrowIfNull(request.AccessToken, $"{name}.{nameof(ProfilesRequest.AccessToken)}");
        var profileFields = DataRequestValidation.FieldNames(
            request.ProfileFields?.Select(f => f.Value), DataRequestValidation.KnownProfileFields, request.AllowFieldNamesUnknownToSdk, $"{name}.{nameof(ProfilesRequest.ProfileFields)}", allowEmpty: true);
        var emeFields = DataRequestValidation.FieldNames(
            request.EMeFields?.Select(f => f.Value), DataRequestValidation.KnownEMeFields, request.AllowFieldNamesUnknownToSdk, $"{name}.{nameof(ProfilesRequest.EMeFields)}", allowEmpty: true);
        if (profileFields.Length + emeFields.Length == 0)
        {
            throw new ArgumentException($"{name} must name at least one field in ProfileFields or EMeFields.", nameof(request));
        }

        ConsentPreflight.EnsureGranted(request.AccessToken, IAmSmartFunctions.Profiles);
        var pending = new PendingDataRequest
        {
            Function = IAmSmartFunctions.Profiles,

            // The call has no businessID; the receipt gets a local one as its key.
            BusinessId = IAmSmartState.Generate(),
            RequestedFields = [.. profileFields, .. emeFields.Except(profileFields, StringComparer.Ordinal)],
            RequestedAt = _time.GetUtcNow(),
        };
        return await FetchAsync(
            pending,
            IAmSmartFunctions.Profiles,
            new ProfilesWireRequest { AccessToken = request.AccessToken.Token, OpenId = request.AccessToken.OpenId, ProfileFields = profileFields, EMeFields = emeFields },
            FormFillingWireJsonContext.Default.ProfilesWireRequest,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits for the callback of a profile or e-ME request with login, whichever instance receives it (see
    /// <see cref="PendingOperations.WaitForCompletionAsync"/>), and reads it with <see cref="ReadResultAsync"/>. When no
    /// callback arrives before the operation expires, the result is <see cref="ConsentOutcome.TimedOut"/>.
    /// </summary>
    /// <param name="request">The pending request.</param>
    /// <param name="cancellationToken">Stops waiting (the request stays pending).</param>
    /// <exception cref="InvalidOperationException">The operation is not in the store although it cannot have expired yet (a store not shared between instances?).</exception>
    public virtual async Task<DataRequestResult> WaitForResultAsync(PendingDataRequest request, CancellationToken cancellationToken = default)
    {
        RequireWithLogin(request);
        IAmSmartCallback callback;
        try
        {
            callback = await _operations.WaitForCompletionAsync(request.BusinessId, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException) when (_time.GetUtcNow() >= request.RequestedAt + _options.PendingOperations.Lifetime)
        {
            // Gone from the store because it expired with no callback: that is this request's time-out.
            callback = new IAmSmartCallback(CallbackStatus.NotReceived, code: null, txId: null, request.BusinessId, state: null, payload: null, UserOutcome.TimedOut);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(
                "No pending operation with this businessID is in the store, and it cannot have expired yet: was it started on an instance with another store?", ex);
        }

        return await ReadResultAsync(request, callback, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the callback of a profile or e-ME request with login (for example from
    /// <see cref="PendingOperations.GetResultAsync"/>): the released data limited to the fields asked for, or the user's
    /// refusal, as a result; records the receipt.
    /// </summary>
    /// <param name="request">The pending request.</param>
    /// <param name="callback">Its callback (or the lack of one: <see cref="CallbackStatus.NotReceived"/>).</param>
    /// <param name="cancellationToken">Cancels the receipt write.</param>
    /// <exception cref="ArgumentException">The callback belongs to another request.</exception>
    public virtual async Task<DataRequestResult> ReadResultAsync(PendingDataRequest request, IAmSmartCallback callback, CancellationToken cancellationToken = default)
    {
        RequireWithLogin(request);
        ArgumentNullException.ThrowIfNull(callback);
        if (callback.BusinessId is not null && !string.Equals(callback.BusinessId, request.BusinessId, StringComparison.Ordinal))
        {
            throw new ArgumentException("The callback belongs to another request (its businessID differs).", nameof(callback));
        }

        var answeredAt = (await _operations.Store.GetAsync(request.BusinessId, cancellationToken).ConfigureAwait(false))?.Completion?.CompletedAt;
        if (!callback.IsSuccess)
        {
            var outcome = callback.Status == CallbackStatus.NotReceived ? ConsentOutcome.TimedOut : OutcomeOf(callback.Outcome);
            return await RecordAsync(request, outcome, callback.Code, callback.TxId, null, [], [], answeredAt, cancellationToken).ConfigureAwait(false);
        }

        return await ReleasedAsync(request, callback.Payload, callback.Code, callback.TxId, answeredAt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records that a request got no answer: for an anonymous request whose user never came back (no callback tells the
    /// SDK), so that the audit trail holds every request. Returns the <see cref="ConsentOutcome.TimedOut"/> result.
    /// </summary>
    /// <param name="request">The pending request.</param>
    /// <param name="cancellationToken">Cancels the receipt write.</param>
    public virtual Task<DataRequestResult> RecordTimedOutAsync(PendingDataRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RecordAsync(request, ConsentOutcome.TimedOut, code: null, txId: null, data: null, [], [], answeredAt: null, cancellationToken);
    }

    private async Task<DataRequestResult> FetchAsync<TRequest>(
        PendingDataRequest request, IAmSmartFunction operation, TRequest wire, JsonTypeInfo<TRequest> wireType, CancellationToken cancellationToken)
    {
        JsonElement content;
        string? txId;
        try
        {
            (content, txId) = await _transport.SendWithTxIdAsync(operation, wire, wireType, FormFillingWireJsonContext.Default.JsonElement, cancellationToken).ConfigureAwait(false);
        }
        catch (IAmSmartUserOutcomeException ex)
        {
            // A refusal is an outcome the caller expects, not an error.
            return await RecordAsync(request, OutcomeOf(ex.Outcome), ex.Code, ex.TxId, null, [], [], answeredAt: null, cancellationToken).ConfigureAwait(false);
        }
        catch (IAmSmartException ex)
        {
            // The user may already have consented in the app: the audit trail records the failure before the caller sees it.
            await RecordAsync(request, ConsentOutcome.Failed, ex.Code, ex.TxId, null, [], [], answeredAt: null, cancellationToken).ConfigureAwait(false);
            throw;
        }

        return await ReleasedAsync(request, content, ReturnCodes.Success, txId, answeredAt: null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DataRequestResult> ReleasedAsync(
        PendingDataRequest request, JsonElement? payload, string? code, string? txId, DateTimeOffset? answeredAt, CancellationToken cancellationToken)
    {
        var (data, released, discarded) = payload is { } json ? ReleasedData.Select(json, request.RequestedFields) : (null, [], []);
        if (data is null)
        {
            Log.UnreadableReleasedData(_logger, request.Function.Kind ?? request.Function.Name, request.BusinessId, txId);
            return await RecordAsync(request, ConsentOutcome.Failed, code, txId, null, [], [], answeredAt, cancellationToken).ConfigureAwait(false);
        }

        if (discarded.Length > 0)
        {
            Log.UnrequestedFieldsDiscarded(_logger, request.Function.Kind ?? request.Function.Name, request.BusinessId, discarded.Length);
        }

        return await RecordAsync(request, ConsentOutcome.Released, code, txId, data, released, discarded, answeredAt, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DataRequestResult> RecordAsync(
        PendingDataRequest request,
        ConsentOutcome outcome,
        string? code,
        string? txId,
        EMeData? data,
        string[] released,
        string[] discarded,
        DateTimeOffset? answeredAt,
        CancellationToken cancellationToken)
    {
        var receipt = new ConsentReceipt(
            request.Function, request.BusinessId, txId, request.RequestedFields, released, request.Purpose, request.RequestedAt,
            answeredAt ?? _time.GetUtcNow(), outcome, code, discarded);
        await _consent.RecordAsync(receipt, cancellationToken).ConfigureAwait(false);
        return new DataRequestResult(receipt, data);
    }

    private async Task<PendingOperation> BeginAsync(IAmSmartFunction apiFunction, string? businessId, CancellationToken cancellationToken)
        => businessId is null
            ? await _operations.BeginAsync(apiFunction, cancellationToken).ConfigureAwait(false)
            : await _operations.BeginAsync(apiFunction, businessId, IAmSmartState.Generate(), cancellationToken).ConfigureAwait(false);

    private async Task<InitiationContent> InitiateAsync<TRequest>(
        string businessId, IAmSmartFunction operation, TRequest wire, JsonTypeInfo<TRequest> wireType, CancellationToken cancellationToken)
    {
        try
        {
            return await _transport.SendAsync(operation, wire, wireType, AuthJsonContext.Default.InitiationContent, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // No callback will come for a request iAM Smart did not accept: do not leave the operation waiting 18 minutes.
            await _operations.AbandonAsync(businessId).ConfigureAwait(false);
            throw;
        }
    }

    private DataRequestOperation Operation(PendingDataRequest request) => new(request, _operations, ReadResultAsync);

    private PendingDataRequest Pending(
        IAmSmartFunction function, string businessId, InitiationContent content, string[] fields, StatedPurpose? purpose, DateTimeOffset requestedAt)
    {
        var ticket = string.IsNullOrEmpty(content.TicketId) ? null : content.TicketId;
        return new PendingDataRequest
        {
            Function = function,
            BusinessId = businessId,
            AuthByQr = content.AuthByQr,
            TicketId = ticket,
            AppLink = ticket is null ? null : IAmSmartAppLinks.Create(_options.Environment, function, ticket),
            RequestedFields = fields,
            Purpose = purpose,
            RequestedAt = requestedAt,
        };
    }

    private static StatedPurpose Purpose(FormDetails form) => new(form.Name, form.Number, form.Description);

    private static ConsentOutcome OutcomeOf(UserOutcome? outcome)
        => outcome switch
        {
            UserOutcome.Cancelled => ConsentOutcome.Cancelled,
            UserOutcome.Rejected => ConsentOutcome.Rejected,
            UserOutcome.TimedOut => ConsentOutcome.TimedOut,
            _ => ConsentOutcome.Failed,
        };

    private static void ValidateBusinessId(string? businessId, string parameter)
    {
        if (businessId is not null)
        {
            IAmSmartState.ThrowIfMalformedBusinessId(businessId, parameter);
        }
    }

    // The one place that spells callbackContentType's values. The addendum's value tables print "multipart/formdata",
    // but its prose and every sample say "multipart/form-data", the registered media type; that one is sent [I] (§A3.2).
    private static string? CallbackContentTypeValue(FormFillingCallbackContentType? contentType, string parameter) => contentType switch
    {
        null => null,
        FormFillingCallbackContentType.Json => "application/json",
        FormFillingCallbackContentType.MultipartFormData => "multipart/form-data",
        _ => throw new ArgumentOutOfRangeException(parameter, contentType, "Not a known callback content type."),
    };

    // The request's language, else the configured default (IAmSmartOptions.DefaultLanguage), else none.
    private string? LanguageValue(IAmSmartLanguage? language, string parameter)
    {
        if (_options.Language(language) is not { } given)
        {
            return null;
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(given.Value, parameter);
        return given.Value;
    }

    private static IAmSmartSource ResolveSource(IAmSmartSource? source, string? userAgent, string parameter)
    {
        if (source is { } given)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(given.Value, parameter);
            return given;
        }

        return IAmSmartSource.FromUserAgent(userAgent);
    }

    private static void RequireAnonymous(PendingDataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Function != IAmSmartFunctions.AnonymousEMe || string.IsNullOrEmpty(request.TicketId))
        {
            throw new ArgumentException("This is not an anonymous e-ME request with a ticket (from RequestAnonymousEMeAsync).", nameof(request));
        }
    }

    private static void RequireWithLogin(PendingDataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Function != IAmSmartFunctions.Profile && request.Function != IAmSmartFunctions.EMe)
        {
            throw new ArgumentException(
                $"Only profile and e-ME requests with login are answered by callback; this is a {request.Function.Kind} request.", nameof(request));
        }
    }
}
