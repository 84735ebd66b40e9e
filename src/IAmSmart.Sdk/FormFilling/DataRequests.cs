using IAmSmart.Sdk.Auth;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>
/// The form an e-ME request fills, shown to the user in the iAM Smart app as the purpose of the request and recorded in
/// the <see cref="Consent.ConsentReceipt"/>. Text the e-service writes: keep personal data out of it.
/// </summary>
/// <param name="Name">The form's name (<c>formName</c>, 1–255 characters), for example <c>Account opening</c>.</param>
/// <param name="Number">The form's number (<c>formNum</c>, at most 20 characters), if it has one.</param>
/// <param name="Description">What the form is for (<c>formDesc</c>, at most 255 characters), if given.</param>
public sealed record FormDetails(string Name, string? Number = null, string? Description = null)
{
    /// <summary>The longest <see cref="Name"/> (CorpID mirror, contract §8) [I].</summary>
    public const int MaxNameLength = 255;

    /// <summary>The longest <see cref="Number"/> (CorpID mirror, contract §8) [I].</summary>
    public const int MaxNumberLength = 20;

    /// <summary>The longest <see cref="Description"/> (CorpID mirror, contract §8) [I].</summary>
    public const int MaxDescriptionLength = 255;
}

/// <summary>
/// The content type in which iAM Smart is asked to POST a form-filling callback (<c>callbackContentType</c>, addendum
/// §A3.2). Leave it unset for iAM Smart's default (JSON); ask for multipart when the callback endpoint has a request size
/// limit, as a body with an address proof (<c>addressDocFile</c>) can be large.
/// </summary>
public enum FormFillingCallbackContentType
{
    /// <summary><c>application/json</c>, iAM Smart's default.</summary>
    Json,

    /// <summary><c>multipart/form-data</c>: the callback endpoint must read multipart bodies.</summary>
    MultipartFormData,
}

/// <summary>A profile request with login (<c>account/auth/profile/initiateRequest</c>, contract §7.1): the user consents in the app and the data comes by callback.</summary>
public sealed class ProfileRequest
{
    /// <summary>The user's access token; it must carry <c>eidapi_formFilling</c> (<see cref="IAmSmartFunctions.Profile"/>).</summary>
    public required AccessToken AccessToken { get; init; }

    /// <summary>Where iAM Smart POSTs the result (the endpoint mapped with <c>MapIAmSmartCallbacks</c>); registered in the ESP, HTTPS.</summary>
    public required Uri CallbackUri { get; init; }

    /// <summary>The fields to ask for (<c>profileFields</c>): at least one, each from <see cref="ProfileField.Known"/>, no repeats.</summary>
    public required IReadOnlyCollection<ProfileField> Fields { get; init; }

    /// <summary>The source; when <see langword="null"/>, detected from <see cref="UserAgent"/>.</summary>
    public IAmSmartSource? Source { get; init; }

    /// <summary>The User-Agent of the user's browser, used when <see cref="Source"/> is not set.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The language of iAM Smart's prompts; when <see langword="null"/>, <see cref="IAmSmartOptions.DefaultLanguage"/>, and when that is unset, not sent.</summary>
    public IAmSmartLanguage? Language { get; init; }

    /// <summary>
    /// The content type of the callback (<c>callbackContentType</c>, addendum §A3.2); when <see langword="null"/>, the
    /// member is not sent and iAM Smart uses JSON.
    /// </summary>
    public FormFillingCallbackContentType? CallbackContentType { get; init; }

    /// <summary>The <c>businessID</c> to use (1–36 printable ASCII characters, no space, unique per request); when <see langword="null"/>, an unguessable one is generated.</summary>
    public string? BusinessId { get; init; }

    /// <summary>
    /// Send field names the SDK does not list in <see cref="ProfileField.Known"/> (for a field iAM Smart added after this
    /// release, or the guessed <see cref="ProfileField.ChNameVerified"/>). Names must still be well formed.
    /// </summary>
    public bool AllowFieldNamesUnknownToSdk { get; init; }
}

/// <summary>An e-ME form-filling request with login (<c>account/eme/initiateRequest</c>, contract §8): the user consents in the app and the data comes by callback.</summary>
public sealed class EMeRequest
{
    /// <summary>The user's access token; it must carry <c>eidapi_formFilling</c> (<see cref="IAmSmartFunctions.EMe"/>).</summary>
    public required AccessToken AccessToken { get; init; }

    /// <summary>Where iAM Smart POSTs the result (the endpoint mapped with <c>MapIAmSmartCallbacks</c>); registered in the ESP, HTTPS.</summary>
    public required Uri CallbackUri { get; init; }

    /// <summary>The fields to ask for (<c>eMEFields</c>): at least one, each from <see cref="EMeField.Known"/>, no repeats.</summary>
    public required IReadOnlyCollection<EMeField> Fields { get; init; }

    /// <summary>The form being filled: the purpose the user sees and the receipt records.</summary>
    public required FormDetails Form { get; init; }

    /// <summary>The source; when <see langword="null"/>, detected from <see cref="UserAgent"/>.</summary>
    public IAmSmartSource? Source { get; init; }

    /// <summary>The User-Agent of the user's browser, used when <see cref="Source"/> is not set.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The language of iAM Smart's prompts; when <see langword="null"/>, <see cref="IAmSmartOptions.DefaultLanguage"/>, and when that is unset, not sent.</summary>
    public IAmSmartLanguage? Language { get; init; }

    /// <summary>
    /// The content type of the callback (<c>callbackContentType</c>, addendum §A3.2); when <see langword="null"/>, the
    /// member is not sent and iAM Smart uses JSON.
    /// </summary>
    public FormFillingCallbackContentType? CallbackContentType { get; init; }

    /// <summary>The <c>businessID</c> to use (1–36 printable ASCII characters, no space, unique per request); when <see langword="null"/>, an unguessable one is generated.</summary>
    public string? BusinessId { get; init; }

    /// <summary>Send field names the SDK does not list in <see cref="EMeField.Known"/> (for a field iAM Smart added after this release). Names must still be well formed.</summary>
    public bool AllowFieldNamesUnknownToSdk { get; init; }
}

/// <summary>
/// An anonymous e-ME request (<c>anonymous/eme/initiateRequest</c>, contract §9.1): no prior login. iAM Smart answers
/// with a ticket; the user opens the login URL made with it, consents, comes back with a code, and the data is fetched
/// with <c>getResult</c>.
/// </summary>
public sealed class AnonymousEMeRequest
{
    /// <summary>The fields to ask for (<c>eMEFields</c>): at least one, each from <see cref="EMeField.Known"/>, no repeats.</summary>
    public required IReadOnlyCollection<EMeField> Fields { get; init; }

    /// <summary>The form being filled: the purpose the user sees and the receipt records.</summary>
    public required FormDetails Form { get; init; }

    /// <summary>The language of iAM Smart's prompts; when <see langword="null"/>, <see cref="IAmSmartOptions.DefaultLanguage"/>, and when that is unset, not sent.</summary>
    public IAmSmartLanguage? Language { get; init; }

    /// <summary>The <c>businessID</c> to use (1–36 printable ASCII characters, no space, unique per request); when <see langword="null"/>, an unguessable one is generated.</summary>
    public string? BusinessId { get; init; }

    /// <summary>Send field names the SDK does not list in <see cref="EMeField.Known"/>. Names must still be well formed.</summary>
    public bool AllowFieldNamesUnknownToSdk { get; init; }
}

/// <summary>
/// A synchronous request for profile and e-ME data (<c>profiles</c>, contract §7.2): consent was given at login under
/// <c>eidapi_profiles</c>, and the data comes in the answer. Seen in one implementation only [I].
/// </summary>
public sealed class ProfilesRequest
{
    /// <summary>The user's access token; it must carry <c>eidapi_profiles</c> (<see cref="IAmSmartFunctions.Profiles"/>).</summary>
    public required AccessToken AccessToken { get; init; }

    /// <summary>Profile fields to ask for (<c>profileFields</c>), from <see cref="ProfileField.Known"/>; may be empty if <see cref="EMeFields"/> is not.</summary>
    public IReadOnlyCollection<ProfileField> ProfileFields { get; init; } = [];

    /// <summary>e-ME fields to ask for (<c>eMEFields</c>), from <see cref="EMeField.Known"/>; may be empty if <see cref="ProfileFields"/> is not.</summary>
    public IReadOnlyCollection<EMeField> EMeFields { get; init; } = [];

    /// <summary>Send field names the SDK does not know. Names must still be well formed.</summary>
    public bool AllowFieldNamesUnknownToSdk { get; init; }
}
