// netstandard2.0 only: the regex source generator needs .NET 7+, so there each [GeneratedRegex] method is implemented
// here by a Regex built once from the pattern and options on its own attribute (read back, never copied).
using System.Reflection;
using System.Text.RegularExpressions;

namespace IAmSmart.Sdk.Polyfills
{
    internal static class GeneratedRegexPolyfill
    {
        public static Regex Create(Type owner, string method)
        {
            var attribute = owner.GetMethod(method, BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)?
                .GetCustomAttribute<GeneratedRegexAttribute>()
                ?? throw new InvalidOperationException($"{owner.Name}.{method} has no [GeneratedRegex].");
            return new Regex(attribute.Pattern, attribute.Options | RegexOptions.Compiled);
        }
    }
}

namespace IAmSmart.Sdk.Signing
{
    using IAmSmart.Sdk.Polyfills;

    public static partial class HkicHash
    {
        private static Regex? s_hkidPattern;

        private static partial Regex HkidPattern() => s_hkidPattern ??= GeneratedRegexPolyfill.Create(typeof(HkicHash), nameof(HkidPattern));
    }
}

namespace IAmSmart.Sdk.Diagnostics
{
    using IAmSmart.Sdk.Polyfills;

    internal static partial class LogValue
    {
        private static Regex? s_txIdShape;

        private static partial Regex TxIdShape() => s_txIdShape ??= GeneratedRegexPolyfill.Create(typeof(LogValue), nameof(TxIdShape));
    }

    public static partial class PersonalDataRedactor
    {
        private static Regex? s_jsonStart;
        private static Regex? s_returnCode;
        private static Regex? s_shortWord;
        private static Regex? s_queryParameter;
        private static Regex? s_hkid;
        private static Regex? s_longBase64;

        private static partial Regex JsonStart() => s_jsonStart ??= GeneratedRegexPolyfill.Create(typeof(PersonalDataRedactor), nameof(JsonStart));

        private static partial Regex ReturnCode() => s_returnCode ??= GeneratedRegexPolyfill.Create(typeof(PersonalDataRedactor), nameof(ReturnCode));

        private static partial Regex ShortWord() => s_shortWord ??= GeneratedRegexPolyfill.Create(typeof(PersonalDataRedactor), nameof(ShortWord));

        private static partial Regex QueryParameter() => s_queryParameter ??= GeneratedRegexPolyfill.Create(typeof(PersonalDataRedactor), nameof(QueryParameter));

        private static partial Regex Hkid() => s_hkid ??= GeneratedRegexPolyfill.Create(typeof(PersonalDataRedactor), nameof(Hkid));

        private static partial Regex LongBase64() => s_longBase64 ??= GeneratedRegexPolyfill.Create(typeof(PersonalDataRedactor), nameof(LongBase64));
    }
}
