using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace IAmSmart.Sdk.Testing.Personas;

/// <summary>
/// An invented iAM Smart user: an HKID number valid by check digit, an account type, a scripted default behaviour and
/// the personal data iAM Smart would release (contract §9.2 shapes). No persona is a real person.
/// <see cref="ToString"/> shows the id only, never personal data.
/// </summary>
public sealed class SimulatorPersona
{
    /// <summary>Creates a persona.</summary>
    /// <param name="id">A short, stable key such as <c>chan-tai-man</c>; used on the login page and in scripts.</param>
    /// <param name="description">What the persona is for, shown on the login page.</param>
    /// <param name="identification">The HKID identifier without check digit, for example <c>A123456</c>.</param>
    /// <param name="canSign">Whether the user is iAM Smart+ (<c>userType</c> <c>sign</c>) and may sign.</param>
    /// <param name="behaviour">What the user does by default when asked for consent.</param>
    /// <param name="dataJson">The e-ME data as a JSON object, without <c>idNo</c> (added from <paramref name="identification"/>).</param>
    /// <exception cref="ArgumentException">The identifier is malformed or the data is not a JSON object.</exception>
    public SimulatorPersona(string id, string description, string identification, bool canSign, UserBehaviour behaviour, string dataJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(behaviour);
        ArgumentNullException.ThrowIfNull(dataJson);
        Id = id;
        Description = description;
        Identification = identification;
        CheckDigit = HkidCheckDigit.Compute(identification).ToString();
        CanSign = canSign;
        Behaviour = behaviour;
        DataJson = JsonNode.Parse(dataJson) is JsonObject ? dataJson : throw new ArgumentException("Persona data must be a JSON object.", nameof(dataJson));
    }

    /// <summary>The persona's key.</summary>
    public string Id { get; }

    /// <summary>What the persona is for.</summary>
    public string Description { get; }

    /// <summary>The HKID identifier without check digit.</summary>
    public string Identification { get; }

    /// <summary>The HKID check digit, computed by <see cref="HkidCheckDigit"/>.</summary>
    public string CheckDigit { get; }

    /// <summary>Whether the user is iAM Smart+ and may sign.</summary>
    public bool CanSign { get; }

    /// <summary>The <c>userType</c> iAM Smart reports: <c>sign</c> for iAM Smart+, <c>default</c> otherwise.</summary>
    public string UserType => CanSign ? "sign" : "default";

    /// <summary>What the user does by default when asked for consent.</summary>
    public UserBehaviour Behaviour { get; }

    /// <summary>The e-ME data as JSON, without <c>idNo</c>.</summary>
    public string DataJson { get; }

    /// <summary>
    /// How old the user's iAM Smart account is whenever it is asked to sign. Signing with a step-up method and a
    /// waiting period (<c>suaWaitPeriod</c>, or <c>stepupAuthPeriod</c>) longer than this ends with D77004 "user is still in waiting period"
    /// (addendum §A1.1). Default <see cref="DefaultAccountAge"/>, older than the longest waiting period (720 hours).
    /// </summary>
    public TimeSpan AccountAge { get; init; } = DefaultAccountAge;

    /// <summary>The <see cref="AccountAge"/> of a persona that sets none: three years.</summary>
    public static TimeSpan DefaultAccountAge { get; } = TimeSpan.FromDays(3 * 365);

    /// <summary>
    /// Whether the user passes face recognition when a signing asks for it (step-up method <c>FR</c>); otherwise the
    /// signing ends with D77001 "failed to sign with FR". Default <see langword="true"/>.
    /// </summary>
    public bool PassesFaceRecognition { get; init; } = true;

    /// <summary>
    /// Whether the user's phone can read the HKIC chip by NFC (step-up method <c>NFC</c>); otherwise the signing ends with
    /// D77003 "device not supported for NFC". Default <see langword="true"/>.
    /// </summary>
    public bool PhoneHasNfc { get; init; } = true;

    /// <summary>
    /// Whether the NFC read of the HKIC chip succeeds on a phone that has NFC; otherwise the signing ends with D77002
    /// "failed to sign with NFC". Default <see langword="true"/>.
    /// </summary>
    public bool PassesNfcRead { get; init; } = true;

    /// <summary>
    /// How the login redirect reports that this user rejected a login (<see cref="UserAction.Reject"/>, scripted or given
    /// to <see cref="IAmSmartSimulator.Authorize"/>). Default <see cref="Personas.LoginDenial.ErrorCode"/> (D40001).
    /// On the login page the tester's button decides instead.
    /// </summary>
    public LoginDenial LoginDenial { get; init; }

    /// <summary>
    /// When set to <c>n</c>, every <c>n</c>-th document of a bulk signing the user approves fails (no signature in its
    /// <c>sigFile</c> item, counted in <c>failSignNum</c>); the others are signed. Default <see langword="null"/>: all signed.
    /// </summary>
    public int? FailsEveryNthBulkDocument { get; init; }

    /// <summary>
    /// The HKICHash an e-service sends to say who must sign: Base64(SHA-256(UTF-8 identifier without check digit))
    /// (contract §11.4).
    /// </summary>
    public string HkicHash => ComputeHkicHash(Identification);

    /// <summary>Every e-ME field this persona has, <c>idNo</c> included; a new object each call.</summary>
    public JsonObject CreateData()
    {
        var data = (JsonObject)JsonNode.Parse(DataJson)!;
#pragma warning disable CA1507 // JSON member names of the wire format, not references to these properties.
        data.Insert(0, "idNo", new JsonObject { ["Identification"] = Identification, ["CheckDigit"] = CheckDigit });
#pragma warning restore CA1507
        return data;
    }

    /// <summary>The HKICHash of an identifier: Base64(SHA-256(UTF-8(identifier))), trimmed, without check digit.</summary>
    /// <param name="identification">For example <c>A123456</c>.</param>
    public static string ComputeHkicHash(string identification)
    {
        ArgumentNullException.ThrowIfNull(identification);
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(identification.Trim())));
    }

    /// <summary>The persona's tokenised ID for one e-service: stable, opaque and URL-encoded Base64 like the real one (contract §5.4).</summary>
    internal string OpenIdFor(string clientId)
        => Uri.EscapeDataString(Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(clientId + "|" + Id))));

    /// <summary>The id only: never personal data.</summary>
    public override string ToString() => $"SimulatorPersona({Id})";
}
