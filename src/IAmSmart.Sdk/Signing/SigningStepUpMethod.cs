namespace IAmSmart.Sdk.Signing;

/// <summary>
/// The step-up method of a signing request, <c>suaMethod</c> or <c>stepupAuthMethod</c> on the wire (addendum §A1, <see cref="IAmSmartOptions.StepUpFieldNames"/>): the extra check the iAM Smart app makes after its
/// usual FIDO check and before the user signs. A closed set: iAM Smart names no other method and no <c>or</c>
/// operator, and the e-service must be granted each method in the e-service management portal first [I]. On the wire it
/// is a JSON <em>string</em> whose text is one JSON expression (<see cref="Value"/>), not a JSON object.
/// </summary>
public sealed class SigningStepUpMethod
{
    private SigningStepUpMethod(string value, string name)
    {
        Value = value;
        _name = name;
    }

    private readonly string _name;

    /// <summary>Face recognition: the app compares the user's face with the HKIC photo. Sent as <c>{"unary":["FR"]}</c>.</summary>
    public static SigningStepUpMethod Fr { get; } = new("""{"unary":["FR"]}""", nameof(Fr));

    /// <summary>
    /// The app reads the user's HKIC chip by NFC; phones without NFC fail with D77003. Sent as <c>{"unary":["NFC"]}</c>.
    /// [I]: the specification never spells out "NFC"; code 77003 "device not supported for NFC" points to the chip read.
    /// </summary>
    public static SigningStepUpMethod Nfc { get; } = new("""{"unary":["NFC"]}""", nameof(Nfc));

    /// <summary>
    /// Face recognition, then the NFC chip read, in that order; the first failure stops the chain (D77001 or
    /// D77002/D77003). Sent as <c>{"and":["FR","NFC"]}</c>.
    /// </summary>
    public static SigningStepUpMethod FrThenNfc { get; } = new("""{"and":["FR","NFC"]}""", nameof(FrThenNfc));

    /// <summary>The JSON text sent as the string value of <c>suaMethod</c> / <c>stepupAuthMethod</c>, for example <c>{"unary":["FR"]}</c>.</summary>
    public string Value { get; }

    /// <summary>The member's name (<c>Fr</c>, <c>Nfc</c>, <c>FrThenNfc</c>), for logs.</summary>
    public override string ToString() => _name;
}
