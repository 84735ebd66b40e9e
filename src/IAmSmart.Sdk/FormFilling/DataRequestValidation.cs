using System.Collections.Frozen;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>
/// Checks a data request before anything is stored or sent, so that each mistake is an <see cref="ArgumentException"/>
/// naming the parameter rather than a D20002/D20003 after a round trip.
/// </summary>
internal static class DataRequestValidation
{
    /// <summary>The most field names one list may hold; above every list iAM Smart knows, to catch runaway lists [G].</summary>
    public const int MaxFields = 64;

    /// <summary>The longest field name accepted; the longest known one has 18 characters [G].</summary>
    public const int MaxFieldNameLength = 64;

    public static readonly FrozenSet<string> KnownEMeFields = EMeField.Known.Select(f => f.Value).ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> KnownProfileFields = ProfileField.Known.Select(f => f.Value).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The field names to send, in the caller's order, after checking them.</summary>
    public static string[] FieldNames(IEnumerable<string>? names, FrozenSet<string> known, bool allowUnknown, string parameter, bool allowEmpty = false)
    {
        if (names is null)
        {
            throw new ArgumentNullException(parameter, $"{parameter} is required.");
        }

        var list = names.ToArray();
        if (list.Length == 0 && !allowEmpty)
        {
            throw new ArgumentException($"{parameter} must name at least one field; iAM Smart refuses an empty list (D20002).", parameter);
        }

        if (list.Length > MaxFields)
        {
            throw new ArgumentException($"{parameter} names {list.Length} fields; at most {MaxFields} are accepted.", parameter);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Length; i++)
        {
            var name = list[i];

            // A malformed name is not quoted: it may be anything, personal data included.
            if (!IsWellFormedFieldName(name))
            {
                throw new ArgumentException(
                    $"{parameter}[{i}] is not a field name: it must be 1–{MaxFieldNameLength} ASCII letters, digits or '_', starting with a letter.", parameter);
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"{parameter} names the field '{name}' more than once.", parameter);
            }

            if (!allowUnknown && !known.Contains(name))
            {
                throw new ArgumentException(
                    $"{parameter}[{i}] '{name}' is not a field this SDK knows (names are case-sensitive; known: {string.Join(", ", known.Order(StringComparer.Ordinal))}). " +
                    "For a field iAM Smart added after this release, set AllowFieldNamesUnknownToSdk.",
                    parameter);
            }
        }

        return list;
    }

    public static bool IsWellFormedFieldName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxFieldNameLength || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    public static void Form(FormDetails? form, string parameter)
    {
        if (form is null)
        {
            throw new ArgumentNullException(parameter, $"{parameter} is required: the form is the purpose the user is shown and the receipt records.");
        }

        Text(form.Name, FormDetails.MaxNameLength, $"{parameter}.{nameof(FormDetails.Name)}", required: true);
        Text(form.Number, FormDetails.MaxNumberLength, $"{parameter}.{nameof(FormDetails.Number)}", required: false);
        Text(form.Description, FormDetails.MaxDescriptionLength, $"{parameter}.{nameof(FormDetails.Description)}", required: false);
    }

    private static void Text(string? value, int maxLength, string parameter, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                throw new ArgumentNullException(parameter, $"{parameter} is required.");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{parameter} is empty; leave it null to omit it, or give text.", parameter);
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException($"{parameter} has {value.Length} characters; iAM Smart accepts at most {maxLength}.", parameter);
        }

        if (value.Any(char.IsControl))
        {
            throw new ArgumentException($"{parameter} contains a control character (a line break, a tab, …).", parameter);
        }
    }
}
