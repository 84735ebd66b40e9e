using System.Text.Json;
using System.Text.Json.Nodes;

namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>The decrypted JSON request of one call, read with the contract's rules: D20001 missing, D20002 empty, D20003 invalid.</summary>
internal sealed class RequestParameters(JsonObject json)
{
    private static readonly HashSet<string> Sources = new(StringComparer.Ordinal)
    {
        "Android_Chrome", "Android_Firefox", "Android_Edge", "Android_Samsung", "Android_Huawei", "Android_Xiaomi",
        "iOS_Safari", "iOS_Chrome", "iOS_Firefox", "iOS_Edge", "PC_Browser", "App_Link", "App_Package", "App_Scheme",
        "Android_IMS_InAppBrowser", "iOS_IMS_InAppBrowser",
    };

    private static readonly HashSet<string> Languages = new(StringComparer.Ordinal) { "en-US", "zh-HK", "zh-CN" };

    public JsonObject Json => json;

    public string Required(string name, int maxLength = int.MaxValue)
    {
        if (!json.TryGetPropertyValue(name, out var node))
        {
            throw SimulatorApiException.Missing(name);
        }

        var value = node switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v => v.ToJsonString(),
            _ => throw SimulatorApiException.Invalid(name),
        };
        if (string.IsNullOrWhiteSpace(value))
        {
            throw SimulatorApiException.Empty(name);
        }

        return value.Length <= maxLength ? value : throw SimulatorApiException.Invalid(name);
    }

    public string? Optional(string name, int maxLength = int.MaxValue)
        => json.TryGetPropertyValue(name, out var node) && node is not null && !(node is JsonValue v && v.GetValueKind() == JsonValueKind.String && string.IsNullOrEmpty(v.GetValue<string>()))
            ? Required(name, maxLength)
            : null;

    public IReadOnlyList<string> RequiredList(string name)
    {
        if (!json.TryGetPropertyValue(name, out var node))
        {
            throw SimulatorApiException.Missing(name);
        }

        return OptionalList(name) is { Count: > 0 } list ? list : throw SimulatorApiException.Empty(name);
    }

    public IReadOnlyList<string> OptionalList(string name)
    {
        if (!json.TryGetPropertyValue(name, out var node) || node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            throw SimulatorApiException.Invalid(name);
        }

        var items = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonValue value || value.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetValue<string>()))
            {
                throw SimulatorApiException.Invalid(name);
            }

            items.Add(value.GetValue<string>());
        }

        return items;
    }

    public static string CheckSource(string source)
        => Sources.Contains(source) ? source : throw new SimulatorApiException("D20007", "unsupported source");

    public static string? CheckLang(string? lang)
        => lang is null || Languages.Contains(lang) ? lang : throw SimulatorApiException.Invalid("lang");

    /// <summary>businessID: the SDK's one rule, 1–36 printable ASCII characters without space (contract §13, addendum §A4.2).</summary>
    public static string CheckBusinessId(string value)
        => IAmSmart.Sdk.Auth.IAmSmartState.IsWellFormedBusinessId(value) ? value : throw SimulatorApiException.Invalid("businessID");

    /// <summary>state: at most 36 of <c>[A-Za-z0-9_-]</c> (contract §5.1, §13).</summary>
    public static string? CheckIdentifier(string? value, string name)
        => value is null || (value.Length <= 36 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            ? value
            : throw SimulatorApiException.Invalid(name);

    /// <summary>Base64 of exactly <paramref name="length"/> bytes, or of any non-empty length when it is 0.</summary>
    public static byte[] DecodeBase64(string value, string name, int length = 0)
    {
        try
        {
            var bytes = Convert.FromBase64String(value);
            return bytes.Length > 0 && (length == 0 || bytes.Length == length) ? bytes : throw SimulatorApiException.Invalid(name);
        }
        catch (FormatException)
        {
            throw SimulatorApiException.Invalid(name);
        }
    }
}
