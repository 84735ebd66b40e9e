using System.Text.Json;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Testing.Personas;

namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>
/// Signing step-up (addendum §A1): after its FIDO check the app runs the requested methods in order (face recognition,
/// NFC read of the HKIC chip) and checks the account's age against the waiting period. A failure is the signing's
/// result code (D77001–D77004), in the callback or at getResult, not an answer to the initiate call [I: addendum §A2.4].
/// </summary>
internal sealed partial class SimulatorEngine
{
    // The sources name the fields two ways (addendum §A1.4, §A9), and the SDK writes either pair
    // (IAmSmartOptions.StepUpFieldNames), so the simulator reads both: suaMethod/suaWaitPeriod (S3 prose, S21) and
    // stepupAuthMethod/stepupAuthPeriod (S3 tables). A request that carries a field under both names is D20003.
    private static readonly string[] StepUpMethodNames = ["suaMethod", "stepupAuthMethod"];
    private static readonly string[] StepUpPeriodNames = ["suaWaitPeriod", "stepupAuthPeriod"];
    private const int StepUpPeriodMaxHours = 720;

    /// <summary>The field under whichever of <paramref name="names"/> the request uses, and that name; D20003 when it uses both.</summary>
    private static (string Name, JsonNode? Node) StepUpField(JsonObject json, string[] names)
    {
        (string Name, JsonNode? Node) found = (names[0], null);
        var count = 0;
        foreach (var name in names)
        {
            if (json.TryGetPropertyValue(name, out var node) && node is not null)
            {
                found = (name, node);
                count++;
            }
        }

        return count > 1 ? throw SimulatorApiException.Invalid(names[0]) : found;
    }

    private static readonly HashSet<string> StepUpMethods = new(StringComparer.Ordinal) { "FR", "NFC" };

    /// <summary>
    /// The step-up a signing request asks for, or <see langword="null"/> when it names no method. Strict: the method must
    /// be a JSON string holding exactly one expression, <c>{"unary":[m]}</c> or <c>{"and":[m1,m2,…]}</c> over FR and NFC,
    /// and the period a JSON number, an integer 0–720; anything else is D20003. A period without a method has no effect
    /// (addendum §A1.1), so it is only checked.
    /// </summary>
    private static SigningStepUp? ReadStepUp(RequestParameters p)
    {
        var period = ReadStepUpPeriod(p.Json);
        var (name, node) = StepUpField(p.Json, StepUpMethodNames);
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            throw SimulatorApiException.Invalid(name); // a JSON object instead of a string is the classic mistake
        }

        return new SigningStepUp(ParseStepUpMethods(value.GetValue<string>(), name), period);
    }

    private static int ReadStepUpPeriod(JsonObject json)
    {
        var (name, node) = StepUpField(json, StepUpPeriodNames);
        if (node is null)
        {
            return 0; // the system default (addendum §A1.1)
        }

        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var hours) && hours is >= 0 and <= StepUpPeriodMaxHours
            ? hours
            : throw SimulatorApiException.Invalid(name);
    }

    private static IReadOnlyList<string> ParseStepUpMethods(string text, string name)
    {
        JsonNode? expression;
        try
        {
            expression = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw SimulatorApiException.Invalid(name);
        }

        if (expression is JsonObject { Count: 1 } single)
        {
            var (operatorName, operand) = single.First();
            var methods = operand is JsonArray array
                ? array.Select(m => m is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null).ToList()
                : [];
            var known = methods.Count > 0 && methods.All(m => m is not null && StepUpMethods.Contains(m)) && methods.Distinct(StringComparer.Ordinal).Count() == methods.Count;
            var arityFits = operatorName switch
            {
                "unary" => methods.Count == 1,
                "and" => methods.Count >= 2,
                _ => false, // no "or" exists [G]
            };
            if (known && arityFits)
            {
                return [.. methods.Select(m => m!)];
            }
        }

        throw SimulatorApiException.Invalid(name);
    }

    /// <summary>The step-up failure code for this persona, or <see langword="null"/> when every check passes.</summary>
    private static SimulatorApiException? CheckStepUp(SimulatorPersona persona, SigningStepUp? stepUp)
    {
        if (stepUp is null)
        {
            return null;
        }

        // The effective period is max(system period, requested); the simulator's system period is 0.
        if (persona.AccountAge < TimeSpan.FromHours(stepUp.WaitingPeriodHours))
        {
            return new SimulatorApiException("D77004", "user is still in waiting period");
        }

        // In array order; "the API returns unsuccessful immediately if the first method fails" (addendum §A1.1).
        foreach (var method in stepUp.Methods)
        {
            if (method == "FR" && !persona.PassesFaceRecognition)
            {
                return new SimulatorApiException("D77001", "failed to sign with FR");
            }

            if (method == "NFC" && !persona.PhoneHasNfc)
            {
                return new SimulatorApiException("D77003", "device not supported for NFC");
            }

            if (method == "NFC" && !persona.PassesNfcRead)
            {
                return new SimulatorApiException("D77002", "failed to sign with NFC");
            }
        }

        return null;
    }

    private sealed record SigningStepUp(IReadOnlyList<string> Methods, int WaitingPeriodHours);
}
