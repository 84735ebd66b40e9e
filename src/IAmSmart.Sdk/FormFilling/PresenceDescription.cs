using System.Text;
using System.Text.Json;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>
/// Builds the <c>ToString</c> of a model that holds personal data: the type name and the names of the members that are
/// present, never their values, for example <c>EMeData { idNo, enName, birthDate, +1 unknown }</c>.
/// </summary>
internal static class PresenceDescription
{
    public static string Describe(string typeName, IDictionary<string, JsonElement>? additional, params ReadOnlySpan<(string Name, object? Value)> members)
    {
        var text = new StringBuilder(typeName).Append(" {");
        var first = true;
        foreach (var (name, value) in members)
        {
            if (value is null || (value is string s && s.Length == 0))
            {
                continue;
            }

            text.Append(first ? " " : ", ").Append(name);
            first = false;
        }

        // Unknown member names come from the sender, so only their number is shown.
        if (additional is { Count: > 0 })
        {
            text.Append(first ? " " : ", ").Append('+').Append(additional.Count).Append(" unknown");
            first = false;
        }

        return text.Append(" }").ToString();
    }
}
