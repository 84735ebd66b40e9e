namespace IAmSmart.Sdk.Callbacks;

/// <summary>
/// A part of a <c>multipart/form-data</c> callback other than its envelope (addendum §A3): for example the
/// <c>sigFile</c> of a bulk-signing result. Its content may be personal data or ciphertext: never log it.
/// <see cref="ToString"/> shows the part's name and size only.
/// </summary>
/// <param name="Name">The part's form-field name (<c>Content-Disposition</c> <c>name</c>), if any.</param>
/// <param name="FileName">The part's file name, if any.</param>
/// <param name="ContentType">The part's <c>Content-Type</c>, if any.</param>
/// <param name="Content">The part's bytes, as received.</param>
public sealed record CallbackAttachment(string? Name, string? FileName, string? ContentType, ReadOnlyMemory<byte> Content)
{
    /// <summary>A description without the content.</summary>
    public override string ToString() => $"CallbackAttachment(name: {Name ?? "none"}, {Content.Length} bytes)";
}
