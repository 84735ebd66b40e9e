namespace IAmSmart.Sdk.Auth;

/// <summary>
/// The language of the pages and prompts iAM Smart shows (<c>lang</c>, contract §5.1). iAM Smart's default is
/// <see cref="TraditionalChinese"/>. Any other string can be wrapped, for a value added later.
/// </summary>
/// <param name="Value">The value as sent on the wire, for example <c>en-US</c>.</param>
public readonly record struct IAmSmartLanguage(string Value)
{
    /// <summary>English (<c>en-US</c>).</summary>
    public static IAmSmartLanguage English { get; } = new("en-US");

    /// <summary>Traditional Chinese (<c>zh-HK</c>), iAM Smart's default.</summary>
    public static IAmSmartLanguage TraditionalChinese { get; } = new("zh-HK");

    /// <summary>Simplified Chinese (<c>zh-CN</c>).</summary>
    public static IAmSmartLanguage SimplifiedChinese { get; } = new("zh-CN");

    /// <summary>The value.</summary>
    public override string ToString() => Value;
}
