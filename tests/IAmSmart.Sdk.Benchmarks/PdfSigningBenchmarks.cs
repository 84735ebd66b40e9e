using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using BenchmarkDotNet.Attributes;
using IAmSmart.Sdk.Pdf;

namespace IAmSmart.Sdk.Benchmarks;

/// <summary>
/// PDF signing against document size (issue 15 item 6): prepare, reload and embed with the byte-array APIs and the
/// stream overloads, next to the floor of reading the file once and hashing it with SHA-256. The PDFs are generated
/// in <see cref="Setup"/> (one page whose content stream is <see cref="SizeMb"/> MB of seeded random bytes, like a
/// scanned image) and written to temporary files, deleted in <see cref="Cleanup"/>. Stream outputs go to
/// <see cref="Stream.Null"/>, so that the figures are the SDK's and not the disk's.
/// </summary>
[MemoryDiagnoser]
public class PdfSigningBenchmarks
{
    private readonly PdfDeferredSigner _signer = new();
    private byte[] _pdf = [];
    private PreparedPdf _prepared = null!;
    private byte[] _preparedBytes = [];
    private byte[] _cms = [];
    private string _pdfPath = string.Empty;
    private string _preparedPath = string.Empty;

    /// <summary>The size of the generated PDF, in MB (10^6 bytes).</summary>
    [Params(1, 10, 100)]
    public int SizeMb { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pdf = PdfBenchmarkInputs.CreatePdf(SizeMb * 1_000_000);
        _prepared = _signer.PrepareAsync(_pdf).GetAwaiter().GetResult();
        _preparedBytes = _prepared.ToArray();
        _cms = PdfBenchmarkInputs.Sign(_prepared.GetSignedContent());
        _pdfPath = Path.Combine(Path.GetTempPath(), $"iamsmart-bench-{Environment.ProcessId}-{SizeMb}.pdf");
        _preparedPath = Path.Combine(Path.GetTempPath(), $"iamsmart-bench-{Environment.ProcessId}-{SizeMb}-prepared.pdf");
        File.WriteAllBytes(_pdfPath, _pdf);
        File.WriteAllBytes(_preparedPath, _preparedBytes);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        File.Delete(_pdfPath);
        File.Delete(_preparedPath);
    }

    /// <summary>The floor: read the file once, in 80 KiB chunks, and SHA-256 it.</summary>
    [Benchmark(Baseline = true)]
    public byte[] ReadOnceAndHash()
    {
        using var file = OpenRead(_pdfPath);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[80 * 1024];
        int read;
        while ((read = file.Read(chunk)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>
    /// The floor of the APIs that return or keep the file in a new array (the byte-array ones, <c>PrepareAsync(Stream)</c>,
    /// <c>LoadAsync</c>): read the file once into a new array of its size and SHA-256 it. Beyond the floor, that is
    /// one copy and the first touch of a fresh file-sized array, which the operating system has to map and zero.
    /// </summary>
    [Benchmark]
    public byte[] ReadIntoNewArrayAndHash()
    {
        using var file = OpenRead(_pdfPath);
        var bytes = GC.AllocateUninitializedArray<byte>((int)file.Length);
        file.ReadExactly(bytes);
        return SHA256.HashData(bytes);
    }

    /// <summary>
    /// A/B of how the package makes its file-sized copies (<c>Load</c>, <c>ToArray</c>, the signed content), reference
    /// line A: a new zeroed array, then the copy, as <c>new byte[n]</c> and <c>ReadOnlySpan&lt;byte&gt;.ToArray()</c> do.
    /// </summary>
    [Benchmark]
    public byte[] CopyIntoZeroedArray()
    {
        var copy = new byte[_preparedBytes.Length];
        _preparedBytes.AsSpan().CopyTo(copy);
        return copy;
    }

    /// <summary>B: the same copy into <c>GC.AllocateUninitializedArray</c>, which the copy overwrites whole.</summary>
    [Benchmark]
    public byte[] CopyIntoUninitializedArray()
    {
        var copy = GC.AllocateUninitializedArray<byte>(_preparedBytes.Length);
        _preparedBytes.AsSpan().CopyTo(copy);
        return copy;
    }

    /// <summary><c>ReadOnlySpan&lt;byte&gt;.ToArray()</c>, what <c>Load</c> used before: which of A and B it is.</summary>
    [Benchmark]
    public byte[] SpanToArray() => _preparedBytes.AsSpan().ToArray();

    /// <summary><c>PrepareAsync(ReadOnlyMemory&lt;byte&gt;)</c> on the bytes in memory.</summary>
    [Benchmark]
    public async Task<string> PrepareBytes() => (await _signer.PrepareAsync(_pdf)).DocDigest;

    /// <summary><c>PrepareAsync(Stream)</c> from the file, into a <see cref="PreparedPdf"/>.</summary>
    [Benchmark]
    public async Task<string> PrepareFromStream()
    {
        await using var input = OpenRead(_pdfPath);
        return (await _signer.PrepareAsync(input)).DocDigest;
    }

    /// <summary><c>PrepareAsync(Stream, Stream)</c>: file to <see cref="Stream.Null"/>.</summary>
    [Benchmark]
    public async Task<string> PrepareStreamToStream()
    {
        await using var input = OpenRead(_pdfPath);
        return (await _signer.PrepareAsync(input, Stream.Null)).DocDigest;
    }

    /// <summary><c>PreparedPdf.Load(ReadOnlySpan&lt;byte&gt;)</c> on the stored bytes in memory.</summary>
    [Benchmark]
    public string LoadBytes() => PreparedPdf.Load(_preparedBytes).DocDigest;

    /// <summary><c>PreparedPdf.LoadAsync(Stream)</c> from the stored file.</summary>
    [Benchmark]
    public async Task<string> LoadFromStream()
    {
        await using var input = OpenRead(_preparedPath);
        return (await PreparedPdf.LoadAsync(input)).DocDigest;
    }

    /// <summary><c>Embed(PreparedPdf, ReadOnlySpan&lt;byte&gt;)</c>: the signed PDF as a new array.</summary>
    [Benchmark]
    public int EmbedBytes() => _signer.Embed(_prepared, _cms).Length;

    /// <summary><c>EmbedAsync(Stream, Stream, ReadOnlyMemory&lt;byte&gt;)</c>: stored file to <see cref="Stream.Null"/>.</summary>
    [Benchmark]
    public async Task EmbedStreamToStream()
    {
        await using var input = OpenRead(_preparedPath);
        await _signer.EmbedAsync(input, Stream.Null, _cms);
    }

    private static FileStream OpenRead(string path) =>
        new(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, BufferSize = 0, Options = FileOptions.SequentialScan });
}

/// <summary>Generated inputs for <see cref="PdfSigningBenchmarks"/>: nothing is read from or committed to the repository.</summary>
internal static class PdfBenchmarkInputs
{
    private static readonly Lazy<X509Certificate2> Signer = new(CreateSigner);

    /// <summary>A one-page PDF with a classic cross-reference table, padded to about <paramref name="size"/> bytes by its content stream.</summary>
    public static byte[] CreatePdf(int size)
    {
        using var pdf = new MemoryStream(size + 1024);
        var offsets = new List<long>();
        void Write(string text) => pdf.Write(Encoding.ASCII.GetBytes(text));
        void Object(string body)
        {
            offsets.Add(pdf.Position);
            Write(string.Create(CultureInfo.InvariantCulture, $"{offsets.Count} 0 obj\n{body}\nendobj\n"));
        }

        Write("%PDF-1.7\n%\u00e2\u00e3\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>");

        var filler = new byte[Math.Max(0, size - 600)];
        new Random(42).NextBytes(filler);
        offsets.Add(pdf.Position);
        Write(string.Create(CultureInfo.InvariantCulture, $"4 0 obj\n<< /Length {filler.Length} >>\nstream\n"));
        pdf.Write(filler);
        Write("\nendstream\nendobj\n");

        var xref = pdf.Position;
        Write(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {offsets.Count + 1}\n0000000000 65535 f\r\n"));
        foreach (var offset in offsets)
        {
            Write(string.Create(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n\r\n"));
        }

        Write(string.Create(CultureInfo.InvariantCulture,
            $"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n{xref}\n%%EOF\n"));
        return pdf.ToArray();
    }

    /// <summary>A detached CMS over the content, RSA-2048 / SHA-256 with signed attributes, as iAM Smart returns.</summary>
    public static byte[] Sign(byte[] content)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, Signer.Value)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(new DateTime(2026, 12, 3, 0, 0, 0, DateTimeKind.Utc)));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    private static X509Certificate2 CreateSigner()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Invented Benchmark Signer", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
