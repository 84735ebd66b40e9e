using System.Security.Cryptography;
using System.Text;
using IAmSmart.Sdk.Pdf.Internal;

namespace IAmSmart.Sdk.Pdf;

/// <summary>
/// Deferred (external) PDF signing as iAM Smart does it: <see cref="PrepareAsync(ReadOnlyMemory{byte}, PdfSignatureOptions?, CancellationToken)"/>
/// adds an empty signature and gives the <c>docDigest</c> to send; when iAM Smart calls back with <c>pdfSignature</c>,
/// <see cref="Embed(PreparedPdf, ReadOnlySpan{byte})"/> puts that CMS into the placeholder. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Preparing appends an incremental update and never rewrites the original bytes, so a PDF that is already signed can
/// be signed again without breaking its earlier signatures. No third-party PDF library is involved.
/// </remarks>
public class PdfDeferredSigner
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a signer that stamps the signature dictionary with the system clock.</summary>
    public PdfDeferredSigner()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates a signer.</summary>
    /// <param name="timeProvider">The clock for the signature dictionary's <c>/M</c> (modification time).</param>
    public PdfDeferredSigner(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Prepares a PDF read from a stream. The stream is read from its position to the end (a seekable one into a single
    /// array of its exact length); it is neither written nor disposed.
    /// </summary>
    /// <param name="pdf">The unsigned PDF.</param>
    /// <param name="options">Field name, texts and placeholder size; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels reading and preparing.</param>
    /// <returns>The prepared PDF with its <c>docDigest</c>.</returns>
    /// <exception cref="PdfSigningException">The input is not a usable unsigned PDF; see <see cref="PdfSigningException.Reason"/>.</exception>
    public virtual async Task<PreparedPdf> PrepareAsync(Stream pdf, PdfSignatureOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        options ??= new PdfSignatureOptions();
        options.Validate();
        // Room after the input for the update (placeholder hex and the new objects), so that the prepared PDF is
        // completed in the array the input was read into instead of a second one.
        var bytes = await StreamReading.ReadAllAsync(pdf, cancellationToken, UpdateRoom(options));
        var update = await BuildUpdateAsync(new MemoryPdfSource(bytes), options, cancellationToken);
        return new PreparedPdf(update.CompleteInPlace(bytes), update.Hole);
    }

    /// <summary>
    /// Adds an invisible signature field on the first page with an empty <c>Adobe.PPKLite</c> /
    /// <c>adbe.pkcs7.detached</c> signature, as an incremental update appended to the unchanged original bytes, and
    /// computes the <c>docDigest</c> over its ByteRange. The input is read in place, never modified nor kept: the
    /// prepared PDF is one new array, sized once. Do not change the input while the call runs. A PDF that is already
    /// signed gets one more signature field; its earlier signatures stay valid.
    /// </summary>
    /// <param name="pdf">The unsigned PDF.</param>
    /// <param name="options">Field name, texts and placeholder size; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels preparing.</param>
    /// <returns>The prepared PDF with its <c>docDigest</c>.</returns>
    /// <exception cref="PdfSigningException">
    /// <see cref="PdfSigningError.NotPdf"/>, <see cref="PdfSigningError.Encrypted"/>, <see cref="PdfSigningError.Unreadable"/>,
    /// <see cref="PdfSigningError.AlreadySigned"/> (an empty placeholder is still waiting for its signature, or a
    /// certification forbids changes) or <see cref="PdfSigningError.FieldNameInUse"/>.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="PdfSignatureOptions.PlaceholderSize"/> is out of range.</exception>
    public virtual Task<PreparedPdf> PrepareAsync(ReadOnlyMemory<byte> pdf, PdfSignatureOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Argument errors are thrown by the call itself, not stored in the task, as before this overload was asynchronous.
        options ??= new PdfSignatureOptions();
        options.Validate();
        return PrepareMemoryAsync(pdf, options, cancellationToken);
    }

    private async Task<PreparedPdf> PrepareMemoryAsync(ReadOnlyMemory<byte> pdf, PdfSignatureOptions options, CancellationToken cancellationToken)
    {
        var update = await BuildUpdateAsync(new MemoryPdfSource(pdf), options, cancellationToken);
        return new PreparedPdf(update.Concat(pdf.Span), update.Hole);
    }

    /// <summary>
    /// Prepares a PDF from one stream into another in memory bounded by the cross-reference data and the objects it
    /// reads, not by the page content: as
    /// <see cref="PrepareAsync(ReadOnlyMemory{byte}, PdfSignatureOptions?, CancellationToken)"/>, and writing the same
    /// bytes, but the input is never held in memory. The cross-reference data and the few objects the update changes
    /// (catalog, first page, form) are read by seeking; then the input is copied to <paramref name="output"/> in
    /// chunks, hashed on the way for the <c>docDigest</c>, and the incremental update is appended.
    /// </summary>
    /// <param name="pdf">
    /// The unsigned PDF, read from its position to the end; neither written nor disposed, and it must not change during
    /// the call. A <see cref="FileStream"/>, <see cref="MemoryStream"/> or <see cref="UnmanagedMemoryStream"/> (or a
    /// subclass) is read where it is (by seeking to the end, to the objects needed, then once from the start); the small
    /// reads of the cross-reference data and objects are synchronous, which these streams serve from disk or memory. Any
    /// other stream, seekable or not (a network stream, ASP.NET Core's request body, also after <c>EnableBuffering</c>),
    /// is read only asynchronously: first copied to a temporary file (from <see cref="Path.GetTempFileName"/>: owner-only
    /// with .NET on Unix, elsewhere as the temporary folder allows; deleted when the call ends, also when it fails; its
    /// header is checked first and it is refused past 2 GiB), so that memory stays bounded; the document then rests on
    /// local disk during the call. To avoid that, pass a file or memory stream.
    /// </param>
    /// <param name="output">
    /// Where the prepared PDF is written, from its current position; neither flushed nor disposed. Every check runs
    /// before the first byte is written, so when <see cref="PdfSigningException"/> or <see cref="ArgumentException"/>
    /// is thrown nothing has been written. When the call is cancelled or the output fails while writing, the output
    /// holds a partial file that must be discarded.
    /// </param>
    /// <param name="options">Field name, texts and placeholder size; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels reading, preparing and writing.</param>
    /// <returns>The <c>docDigest</c> and placeholder of the prepared PDF written.</returns>
    /// <exception cref="PdfSigningException">As for <see cref="PrepareAsync(ReadOnlyMemory{byte}, PdfSignatureOptions?, CancellationToken)"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="pdf"/> cannot be read or <paramref name="output"/> cannot be written.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="PdfSignatureOptions.PlaceholderSize"/> is out of range.</exception>
    public virtual async Task<PdfPreparation> PrepareAsync(Stream pdf, Stream output, PdfSignatureOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(output);
        RequireReadable(pdf, nameof(pdf));
        RequireWritable(output, nameof(output));
        options ??= new PdfSignatureOptions();
        options.Validate();

        // The input and the update must fit the 2 GiB of a prepared PDF: refused before any of it is parsed or copied.
        var maxInputLength = StreamReading.MaxPreparedLength - UpdateRoom(options);
        // A seekable stream that says it is too long is believed (one that understates is caught while it is read).
        if (pdf.CanSeek && pdf.Length - pdf.Position > maxInputLength)
        {
            throw StreamReading.TooLarge();
        }

        if (StreamReading.IsCheapToReadSynchronously(pdf))
        {
            return await PrepareSeekableAsync(pdf, output, options, cancellationToken);
        }

        // Any other stream, seekable or not, is spooled with asynchronous reads: the parser's reads are synchronous, and
        // a seekable stream's may block on the network or be refused (ASP.NET Core's buffered request body, whose
        // Length is also only what has been buffered so far).
        // The header is checked before anything is spooled, so that a stream that is not a PDF is read no further.
        var head = new byte[PdfSyntax.HeaderSearchWindow];
        var headLength = await StreamReading.ReadAtMostAsync(pdf, head, cancellationToken);
        RejectUnlessPdfHeader(head.AsSpan(0, headLength));
        var buffered = await TemporaryFile.CopyAsync(head.AsMemory(0, headLength), pdf, maxInputLength, cancellationToken);
        try
        {
            return await PrepareSeekableAsync(buffered, output, options, cancellationToken);
        }
        finally
        {
            buffered.Dispose();
        }
    }

    /// <summary>Embeds the Base64 <c>pdfSignature</c> of the iAM Smart callback, as <see cref="Embed(PreparedPdf, ReadOnlySpan{byte})"/>.</summary>
    /// <param name="prepared">The prepared PDF the signature was requested for.</param>
    /// <param name="pdfSignatureBase64">The <c>pdfSignature</c> value (Base64 of a detached CMS / PKCS#7).</param>
    /// <returns>The signed PDF.</returns>
    /// <exception cref="PdfSigningException"><see cref="PdfSigningError.InvalidBase64"/>, or as for <see cref="Embed(PreparedPdf, ReadOnlySpan{byte})"/>.</exception>
    public virtual byte[] EmbedBase64(PreparedPdf prepared, string pdfSignatureBase64)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(pdfSignatureBase64);
        byte[] cms;
        try
        {
            cms = Convert.FromBase64String(pdfSignatureBase64);
        }
        catch (FormatException ex)
        {
            throw new PdfSigningException(PdfSigningError.InvalidBase64, "The pdfSignature is not valid Base64.", ex);
        }

        return Embed(prepared, cms);
    }

    /// <summary>
    /// Writes a detached CMS signature into the placeholder as hex, changing no other byte. Before writing it checks
    /// that the CMS is a detached SignedData with one signer and its certificate, that its messageDigest equals the
    /// prepared <see cref="PreparedPdf.DocDigest"/>, that it fits, and that its signature verifies. The prepared PDF is
    /// not modified.
    /// </summary>
    /// <param name="prepared">The prepared PDF the signature was requested for.</param>
    /// <param name="pkcs7">The DER-encoded CMS / PKCS#7 SignedData.</param>
    /// <returns>The signed PDF: a new array the size of the prepared PDF.</returns>
    /// <exception cref="PdfSigningException">
    /// <see cref="PdfSigningError.NotCms"/>, <see cref="PdfSigningError.InvalidSignatureContainer"/>,
    /// <see cref="PdfSigningError.DigestMismatch"/>, <see cref="PdfSigningError.SignatureTooLarge"/> or
    /// <see cref="PdfSigningError.InvalidSignature"/>.
    /// </exception>
    public virtual byte[] Embed(PreparedPdf prepared, ReadOnlySpan<byte> pkcs7)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        if (!CheckSignature(pkcs7, prepared.DocDigestBytes.Span, prepared.DocDigest, prepared.PlaceholderCapacity))
        {
            VerifyWithContent(pkcs7, prepared.GetSignedContent());
        }

        // One array the size of the prepared PDF: the prepared bytes with the hex of the CMS over the placeholder.
        var source = prepared.Span;
        var hole = prepared.Hole;
        var signed = GC.AllocateUninitializedArray<byte>(source.Length);
        source.CopyTo(signed);
        WriteHex(pkcs7, signed.AsSpan(hole.ContentsStart + 1, hole.HexLength));
        return signed;
    }

    /// <summary>
    /// Embeds a signature as <see cref="Embed(PreparedPdf, ReadOnlySpan{byte})"/> and writes the signed PDF to a stream,
    /// without building it in memory.
    /// </summary>
    /// <param name="prepared">The prepared PDF the signature was requested for.</param>
    /// <param name="pkcs7">The DER-encoded CMS / PKCS#7 SignedData.</param>
    /// <param name="output">
    /// Where the signed PDF is written, from its current position; neither flushed nor disposed. Every check runs
    /// before the first byte is written, so when <see cref="PdfSigningException"/> is thrown nothing has been written.
    /// When the call is cancelled or the output fails while writing, the output holds a partial file that must be
    /// discarded.
    /// </param>
    /// <param name="cancellationToken">Cancels writing.</param>
    /// <returns>A task that completes when the signed PDF is written.</returns>
    /// <exception cref="PdfSigningException">As for <see cref="Embed(PreparedPdf, ReadOnlySpan{byte})"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="output"/> cannot be written.</exception>
    public virtual async Task EmbedAsync(PreparedPdf prepared, ReadOnlyMemory<byte> pkcs7, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(output);
        RequireWritable(output, nameof(output));
        cancellationToken.ThrowIfCancellationRequested();
        if (!CheckSignature(pkcs7.Span, prepared.DocDigestBytes.Span, prepared.DocDigest, prepared.PlaceholderCapacity))
        {
            VerifyWithContent(pkcs7.Span, prepared.GetSignedContent());
        }

        var pdf = prepared.Bytes;
        var hole = prepared.Hole;
        await output.WriteAsync(pdf[..(hole.ContentsStart + 1)], cancellationToken);
        await WriteHexAsync(output, pkcs7, hole.HexLength, cancellationToken);
        await output.WriteAsync(pdf[(hole.ContentsEnd - 1)..], cancellationToken);
    }

    /// <summary>
    /// Embeds a signature into a stored prepared PDF read from a stream and writes the signed PDF to another stream:
    /// the same checks and the same bytes as <see cref="PreparedPdf.Load(ReadOnlySpan{byte})"/> followed by
    /// <see cref="Embed(PreparedPdf, ReadOnlySpan{byte})"/>, in memory bounded by the placeholder size instead of the
    /// file size. The input is read twice: once to find the placeholder (from the end) and hash the ByteRange, and,
    /// once every check has passed, again to copy it to the output with the signature in the placeholder. The checks of
    /// the CMS that do not need the document (decoding it, its signer certificate and key, the signature over its
    /// signed attributes) run on a thread-pool thread while the ByteRange is hashed; the call awaits them before it
    /// returns or throws, and writes nothing until they have passed.
    /// </summary>
    /// <param name="preparedPdf">
    /// The stored prepared PDF, from its current position to its end. It must be readable and seekable (it is read
    /// twice) and must not change during the call; it is neither written nor disposed.
    /// </param>
    /// <param name="output">
    /// Where the signed PDF is written, from its current position; neither flushed nor disposed. Every check runs
    /// before the first byte is written, so when <see cref="PdfSigningException"/> or <see cref="ArgumentException"/>
    /// is thrown nothing has been written. When the call is cancelled or a stream fails while copying, the output holds
    /// a partial file that must be discarded.
    /// </param>
    /// <param name="pkcs7">The DER-encoded CMS / PKCS#7 SignedData.</param>
    /// <param name="cancellationToken">Cancels reading, checking and writing.</param>
    /// <returns>A task that completes when the signed PDF is written.</returns>
    /// <exception cref="PdfSigningException">
    /// As for <see cref="PreparedPdf.Load(ReadOnlySpan{byte})"/> (checked first), then as for
    /// <see cref="Embed(PreparedPdf, ReadOnlySpan{byte})"/>, in the same order whatever finishes first: an error reading
    /// the input while hashing it (or cancellation) comes before any error of the CMS; of the CMS,
    /// <see cref="PdfSigningError.NotCms"/> and <see cref="PdfSigningError.InvalidSignatureContainer"/>, then
    /// <see cref="PdfSigningError.DigestMismatch"/>, <see cref="PdfSigningError.SignatureTooLarge"/> and
    /// <see cref="PdfSigningError.InvalidSignature"/>.
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="preparedPdf"/> is not readable and seekable, or <paramref name="output"/> is not writable.</exception>
    public virtual async Task EmbedAsync(Stream preparedPdf, Stream output, ReadOnlyMemory<byte> pkcs7, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(preparedPdf);
        ArgumentNullException.ThrowIfNull(output);
        RequireReadable(preparedPdf, nameof(preparedPdf));
        if (!preparedPdf.CanSeek)
        {
            throw new ArgumentException(
                "The prepared PDF stream must be seekable: the placeholder is found from the end and the file is read twice. Buffer it, or use PreparedPdf.LoadAsync and Embed.",
                nameof(preparedPdf));
        }

        RequireWritable(output, nameof(output));
        var start = preparedPdf.Position;
        var hole = await PreparedPdfStream.LocateAsync(preparedPdf, start, cancellationToken);

        // The checks of the CMS that do not depend on the document (decoding it, its certificate and key, the signature
        // over its signed attributes: about 0.4 ms, most of it in the BCL) run on the thread pool while this call
        // hashes the ByteRange; their outcome, errors included, is taken only after the hash, so that the errors keep
        // their order and nothing is written before every check has passed. Task.Run in a library is acceptable here
        // because the work is short, CPU-bound, awaited before the call returns (also when the hash fails) and takes
        // no more CPU than running it after the hash would: it only shortens the call's latency when a core is idle.
        // On a saturated machine it gains nothing (measured at load 10+: within the noise of running it after the hash).
        var chunk = StreamReading.RentChunk();
        var checking = Task.Run(() => CheckDocumentIndependent(pkcs7.Span), cancellationToken);
        try
        {
            var digest = await HashObservingAsync(PreparedPdfStream.HashAsync(preparedPdf, start, hole, chunk, cancellationToken), checking);
            if (!CheckAgainstDocument(await checking, pkcs7.Length, digest, Convert.ToBase64String(digest), hole.Capacity))
            {
                var content = await PreparedPdfStream.ReadSignedContentAsync(preparedPdf, start, hole, cancellationToken);
                VerifyWithContent(pkcs7.Span, content);
            }

            preparedPdf.Position = start;
            await StreamReading.CopyAsync(preparedPdf, output, hole.ContentsStart + 1, chunk, cancellationToken);
            await WriteHexAsync(output, pkcs7, hole.HexLength, cancellationToken);
            preparedPdf.Position = start + hole.ContentsEnd - 1;
            await StreamReading.CopyAsync(preparedPdf, output, hole.ByteRange.SecondLength + 1, chunk, cancellationToken);
        }
        finally
        {
            StreamReading.Return(chunk);
        }
    }

    /// <summary>
    /// Awaits the hash of the document; when it fails (the stream, cancellation), first waits for the concurrent
    /// checks to end and drops their outcome, so that no work of the call outlives it and no task exception goes
    /// unobserved, then rethrows the hash's exception: the stream's errors come before the CMS's, as they did when the
    /// checks ran after the hash.
    /// </summary>
    private static async Task<byte[]> HashObservingAsync(Task<byte[]> hashing, Task checking)
    {
        try
        {
            return await hashing;
        }
        catch
        {
            try
            {
                await checking;
            }
#pragma warning disable CA1031 // The hash's exception is the one thrown; the checks' outcome no longer matters.
            catch
#pragma warning restore CA1031
            {
            }

            throw;
        }
    }

    /// <summary>
    /// Every check of <see cref="Embed(PreparedPdf, ReadOnlySpan{byte})"/>, with the signature over the signed attributes
    /// verified on its own where that is proven equivalent: <see cref="CheckDocumentIndependent"/>, then
    /// <see cref="CheckAgainstDocument"/>.
    /// </summary>
    /// <returns>
    /// <see langword="true"/> when the signature verified; <see langword="false"/> when the quick check could not
    /// decide and <see cref="VerifyWithContent"/> must run.
    /// </returns>
    private static bool CheckSignature(ReadOnlySpan<byte> pkcs7, ReadOnlySpan<byte> docDigest, string docDigestBase64, int capacity) =>
        CheckAgainstDocument(CheckDocumentIndependent(pkcs7), pkcs7.Length, docDigest, docDigestBase64, capacity);

    /// <summary>
    /// The checks that need only the CMS: that it is a detached SignedData with one signer, a messageDigest and the
    /// signer certificate (thrown here, in that order), and the quick verification of the signature over the signed
    /// attributes (decided here, acted on by <see cref="CheckAgainstDocument"/> after the digest and size checks, as
    /// before they were split; when it cannot use the key, the full check decides then too).
    /// </summary>
    private static CheckedCms CheckDocumentIndependent(ReadOnlySpan<byte> pkcs7)
    {
        if (pkcs7.IsEmpty)
        {
            throw new PdfSigningException(PdfSigningError.NotCms, "The signature is empty.");
        }

        var cms = CmsSignature.TryDecode(pkcs7, detachedContent: null)
            ?? throw new PdfSigningException(PdfSigningError.NotCms, "The signature is not a CMS / PKCS#7 SignedData structure.");

        if (CmsSignature.HasEncapsulatedContent(pkcs7))
        {
            throw Container("the CMS encapsulates content, but an adbe.pkcs7.detached signature must be detached");
        }

        if (cms.SignerInfos.Count != 1)
        {
            throw Container($"the CMS has {cms.SignerInfos.Count} signers instead of one");
        }

        var signer = cms.SignerInfos[0];
        var messageDigest = CmsSignature.GetMessageDigest(signer)
            ?? throw Container("the CMS has no messageDigest signed attribute");
        if (signer.Certificate is null)
        {
            throw Container("the CMS does not contain the signer certificate");
        }

        // Not re-verified here: that the messageDigest is the digest of the document. SignedCms.CheckSignature would
        // prove it by copying and hashing the whole ByteRange again, but CheckAgainstDocument compares the
        // messageDigest (in fixed time) with the docDigest this package itself computed over exactly those bytes with
        // SHA-256. That proof holds only when the signer declares SHA-256 as its digest algorithm, carries exactly one
        // messageDigest and, if it has a content-type attribute, declares id-data (what the full check also compares);
        // otherwise, or when the signature algorithm is not one verified here, the full check decides. What is left,
        // and verified here, is the signer's signature over its signed attributes, which include that messageDigest.
        try
        {
            var verified = CmsSignature.ToHashAlgorithm(signer.DigestAlgorithm) == HashAlgorithmName.SHA256
                && CmsSignature.HasSingleMessageDigestAndDataContentType(cms, signer)
                && CmsSignature.VerifySignedAttributes(pkcs7, signer, signer.Certificate) == true;
            return new CheckedCms(messageDigest, verified);
        }
        catch (CryptographicException)
        {
            // The quick check could not use the signer certificate's key (a malformed key, or a key or padding this
            // platform's provider refuses): it has not decided, so the full BCL check does, which reports what does not
            // verify as InvalidSignature, instead of this escaping as a bare CryptographicException.
            return new CheckedCms(messageDigest, false);
        }
    }

    /// <summary>
    /// The checks against this document, after <see cref="CheckDocumentIndependent"/>: the messageDigest equals the
    /// <c>docDigest</c>, the CMS fits the placeholder, then the outcome of the quick verification.
    /// </summary>
    /// <returns>As <see cref="CheckSignature"/>.</returns>
    private static bool CheckAgainstDocument(CheckedCms cms, int pkcs7Length, ReadOnlySpan<byte> docDigest, string docDigestBase64, int capacity)
    {
        if (!CryptographicOperations.FixedTimeEquals(cms.MessageDigest, docDigest))
        {
            throw new PdfSigningException(PdfSigningError.DigestMismatch,
                $"The CMS messageDigest ({Convert.ToBase64String(cms.MessageDigest)}) does not equal this PDF's docDigest ({docDigestBase64}): "
                + "the signature was made for another document or another preparation of it.");
        }

        if (pkcs7Length > capacity)
        {
            throw new PdfSigningException(PdfSigningError.SignatureTooLarge,
                $"The CMS is {pkcs7Length} bytes but the placeholder holds {capacity}. "
                + "Prepare the document again with a larger PdfSignatureOptions.PlaceholderSize and request a new signature.");
        }

        return cms.Verified;
    }

    /// <summary>The full BCL check: content digest and signature. Only for what the quick check could not decide.</summary>
    private static void VerifyWithContent(ReadOnlySpan<byte> pkcs7, byte[] signedContent)
    {
        var withContent = CmsSignature.TryDecode(pkcs7, signedContent)
            ?? throw new PdfSigningException(PdfSigningError.NotCms, "The signature could not be decoded together with the document content.");
        try
        {
            withContent.SignerInfos[0].CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException ex)
        {
            throw new PdfSigningException(PdfSigningError.InvalidSignature,
                "The CMS signature does not verify with the signer certificate it carries.", ex);
        }
    }

    /// <summary>
    /// <see cref="PrepareAsync(Stream, Stream, PdfSignatureOptions?, CancellationToken)"/> on a file or memory stream (the
    /// caller's, or the temporary copy of any other): every
    /// check and the whole update from the few parts of the file the parser reads, then one pass that copies the input
    /// to the output in pooled chunks and hashes it, then the update.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1835:Prefer the memory-based overloads", Justification = "The array overloads exist on every target this package is heading for, netstandard2.0 included; the Memory ones do not there.")]
    private async Task<PdfPreparation> PrepareSeekableAsync(Stream pdf, Stream output, PdfSignatureOptions options, CancellationToken cancellationToken)
    {
        var source = new StreamPdfSource(pdf);
        var update = await BuildUpdateAsync(source, options, cancellationToken);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        pdf.Position = source.Start;
        await StreamReading.CopyAndHashAsync(pdf, output, source.Length, hash, cancellationToken);

        // The input ends before the placeholder, so all of it is signed; of the update, all but the placeholder.
        update.AppendSignedPart(hash);
        await output.WriteAsync(update.Bytes.Array!, update.Bytes.Offset, update.Bytes.Count, cancellationToken);
        return new PdfPreparation(update.Hole, hash.GetHashAndReset(), update.FileLength);
    }

    /// <summary>Checks the input and builds the incremental update, reading only what the parser asks for.</summary>
    private async Task<PlaceholderUpdate> BuildUpdateAsync(PdfSource input, PdfSignatureOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        RejectUnsuitableInput(input);
        var update = await SignaturePlaceholderWriter.WriteAsync(input, options, _timeProvider.GetUtcNow(), cancellationToken);

        // Prove now that Load will find the same placeholder later, instead of failing when the callback arrives. The
        // update is the end of the prepared file and holds the whole signature dictionary, so the last /ByteRange of
        // the file is found in it exactly as Load finds it in the whole file.
        if (!update.IsLocatable(out var problem))
        {
            throw new PdfSigningException(PdfSigningError.PlaceholderNotFound,
                $"The placeholder written could not be found again by the byte-level reader: {problem}");
        }

        return update;
    }

    /// <summary>Spare bytes to read a stream into: the placeholder as hex and a generous allowance for the new objects.</summary>
    private static int UpdateRoom(PdfSignatureOptions options) => (2 * options.PlaceholderSize) + (64 * 1024);

    /// <summary>The CMS as upper-case hex, then '0' padding: readers decode the DER length and ignore the padding.</summary>
    private static void WriteHex(ReadOnlySpan<byte> pkcs7, Span<byte> hex)
    {
        var written = Encoding.ASCII.GetBytes(Convert.ToHexString(pkcs7), hex);
        hex[written..].Fill((byte)'0');
    }

    /// <summary>As <see cref="WriteHex"/>, to a stream in chunks, so that a large placeholder needs no buffer of its size.</summary>
    private static async Task WriteHexAsync(Stream output, ReadOnlyMemory<byte> pkcs7, int hexLength, CancellationToken cancellationToken)
    {
        var chunk = StreamReading.RentChunk();
        try
        {
            // Whole bytes per chunk: each CMS byte is two hex digits.
            var bytesPerChunk = chunk.Length / 2;
            for (var written = 0; written < hexLength;)
            {
                var cmsOffset = written / 2;
                var cmsPart = pkcs7.Span[Math.Min(cmsOffset, pkcs7.Length)..Math.Min(cmsOffset + bytesPerChunk, pkcs7.Length)];
                var length = Math.Min(bytesPerChunk * 2, hexLength - written);
                var hex = chunk.AsSpan(0, length);
                var digits = Encoding.ASCII.GetBytes(Convert.ToHexString(cmsPart), hex);
                hex[digits..].Fill((byte)'0');
                await output.WriteAsync(chunk.AsMemory(0, length), cancellationToken);
                written += length;
            }
        }
        finally
        {
            StreamReading.Return(chunk);
        }
    }

    private static void RequireReadable(Stream stream, string name)
    {
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", name);
        }
    }

    private static void RequireWritable(Stream stream, string name)
    {
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream must be writable.", name);
        }
    }

    private static void RejectUnsuitableInput(PdfSource pdf) => RejectUnlessPdfHeader(pdf.Read(0, PdfSyntax.HeaderSearchWindow).Span);

    private static void RejectUnlessPdfHeader(ReadOnlySpan<byte> head)
    {
        if (!PdfSyntax.HasPdfHeader(head))
        {
            throw new PdfSigningException(PdfSigningError.NotPdf, "The input is not a PDF (no %PDF- header in its first 1024 bytes).");
        }
    }

    private static PdfSigningException Container(string problem) =>
        new(PdfSigningError.InvalidSignatureContainer, $"The signature cannot be used as a PDF signature: {problem}.");

    /// <summary>
    /// What <see cref="CheckDocumentIndependent"/> found: the messageDigest to compare, and whether the quick verification
    /// proved the signature (<see langword="false"/> also when it could not decide).
    /// </summary>
    private sealed record CheckedCms(byte[] MessageDigest, bool Verified);
}
