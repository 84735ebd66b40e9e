using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.Callbacks;

/// <summary>
/// A callback body as read: its envelope (JSON bytes) and its other parts, each in a buffer of its own rented from the
/// shared pool. The attachments' bytes are only valid until <see cref="Dispose"/>, which clears and returns the
/// buffers; whatever outlives the call copies them (as <see cref="IAmSmartCallbackProcessor"/> does for callbacks it
/// hands out) or seals them first (bulk-signing pages).
/// </summary>
internal sealed class CallbackParts : IDisposable
{
    private readonly List<byte[]> _rented;
    private readonly List<Memory<byte>> _writable;

    private CallbackParts(ReadOnlyMemory<byte> envelope, List<CallbackAttachment> attachments, List<Memory<byte>> writable, List<byte[]> rented, bool isMultipart)
    {
        Envelope = envelope;
        Attachments = attachments;
        _writable = writable;
        _rented = rented;
        IsMultipart = isMultipart;
    }

    /// <summary>The envelope's JSON bytes.</summary>
    public ReadOnlyMemory<byte> Envelope { get; }

    /// <summary>The parts other than the envelope, in body order; none for a JSON body.</summary>
    public IReadOnlyList<CallbackAttachment> Attachments { get; }

    /// <summary>Whether the body was <c>multipart/form-data</c>.</summary>
    public bool IsMultipart { get; }

    /// <summary>A JSON body, which is its own envelope; <paramref name="rented"/> is the pooled buffer holding it, if any.</summary>
    public static CallbackParts Json(ReadOnlyMemory<byte> body, byte[]? rented)
        => new(body, [], [], rented is null ? [] : [rented], isMultipart: false);

    /// <summary>A multipart body whose parts were read into <paramref name="rented"/> buffers.</summary>
    public static CallbackParts Multipart(ReadOnlyMemory<byte> envelope, List<CallbackAttachment> attachments, List<Memory<byte>> writable, List<byte[]> rented)
        => new(envelope, attachments, writable, rented, isMultipart: true);

    /// <summary>
    /// The buffer behind attachment <paramref name="index"/>, writable: a part may be decrypted where it was read, with
    /// no second copy of it (bulk-signing <c>sigFile</c>). The buffer is this object's own, never the caller's body.
    /// </summary>
    public Memory<byte> Writable(int index) => _writable[index];

    public void Dispose()
    {
        foreach (var buffer in _rented)
        {
            // Parts hold ciphertext, and after an in-place decryption personal data: cleared before anyone else rents them
            // (whole: a decryption in place may have used the buffer past the part as working space).
            SecretBuffers.Return(buffer);
        }

        _rented.Clear();
    }
}
