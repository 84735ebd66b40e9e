namespace IAmSmart.Sdk.Pdf.Internal.Cos;

/// <summary>
/// The file is not well-formed enough to add a signature to. Never leaves the package: the signer wraps it in a
/// <see cref="PdfSigningException"/> with <see cref="PdfSigningError.Unreadable"/>.
/// </summary>
internal sealed class PdfFormatException(string message) : Exception(message);
