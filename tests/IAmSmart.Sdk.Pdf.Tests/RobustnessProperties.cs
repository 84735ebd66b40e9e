namespace IAmSmart.Sdk.Pdf.Tests;

/// <summary>
/// Damaged stored or signed PDFs must give typed errors or failed checks, never crashes. Mutations come from a seeded
/// generator so that a failure reproduces; the seed is in the assertion message.
/// </summary>
[Trait("Category", "Property")]
public sealed class RobustnessProperties
{
    private const int Seed = 20_260_306;

    private static readonly Lazy<(PreparedPdf Prepared, byte[] Signed)> Samples = new(() =>
    {
        var signer = new PdfDeferredSigner();
        var prepared = signer.PrepareAsync(TestPdfs.CreateUnsigned(), new PdfSignatureOptions { PlaceholderSize = 4096 }).GetAwaiter().GetResult();
        return (prepared, signer.Embed(prepared, TestPdfs.Sign(prepared)));
    });

    [Fact]
    public void Corrupting_any_byte_of_a_prepared_pdf_gives_a_typed_error_or_a_usable_placeholder()
    {
        var prepared = Samples.Value.Prepared.ToArray();
        var random = new Random(Seed);
        for (var i = 0; i < 300; i++)
        {
            var copy = prepared.ToArray();
            var position = random.Next(copy.Length);
            copy[position] = (byte)random.Next(256);
            try
            {
                var loaded = PreparedPdf.Load(copy);
                Assert.True(loaded.PlaceholderCapacity > 0, $"seed {Seed}, iteration {i}, position {position}");
            }
            catch (PdfSigningException)
            {
                // A typed error is the expected outcome for damage in the placeholder area.
            }
        }
    }

    [Fact]
    public void Corrupting_any_byte_of_a_signed_pdf_never_crashes_Verify_and_is_detected_outside_Contents()
    {
        var (prepared, signed) = Samples.Value;
        var verifier = new PdfSignatureVerifier();
        var anchors = TestCertificateAuthority.Shared.TrustAnchors;
        var hexStart = (int)prepared.PlaceholderOffset + 1;
        var random = new Random(Seed);
        for (var i = 0; i < 150; i++)
        {
            var copy = signed.ToArray();
            // Every other mutation lands outside /Contents, which is otherwise most of this small file.
            var position = i % 2 == 0 ? OutsideContents(random, prepared) : random.Next(copy.Length);
            copy[position] ^= (byte)random.Next(1, 256);

            var result = verifier.Verify(copy, anchors, TestCertificateAuthority.NoRevocation);

            // Everything outside /Contents is signed, so any change there must be caught. /Contents itself is not
            // covered: padding, letter case and unsigned CMS parts (such as the digestAlgorithms hint set) may
            // change without effect, so there only the absence of a crash is checked.
            var inContents = position >= hexStart - 1 && position < hexStart + prepared.PlaceholderLength - 1;
            Assert.Equal(5, result.Checks.Count);
            Assert.True(inContents || !result.IsValid, $"seed {Seed}, iteration {i}, position {position}: change not detected");
        }
    }

    [Fact]
    public async Task Damaging_an_unsigned_pdf_gives_a_prepared_pdf_or_a_typed_error_never_a_crash()
    {
        var signer = new PdfDeferredSigner();
        var random = new Random(Seed);
        foreach (var input in TestPdfs.Layouts.SelectMany(layout => new[] { TestPdfs.CreateUnsigned(layout), TestPdfs.CreateComplex(layout) }))
        {
            for (var i = 0; i < 150; i++)
            {
                var copy = input.ToArray();
                var position = random.Next(copy.Length);
                byte[] damaged;
                if (i % 10 == 0)
                {
                    damaged = copy[..position];
                }
                else
                {
                    copy[position] = (byte)random.Next(256);
                    damaged = copy;
                }

                try
                {
                    var prepared = await signer.PrepareAsync(damaged, cancellationToken: TestContext.Current.CancellationToken);
                    Assert.True(PreparedPdf.Load(prepared.Bytes.Span).DocDigest == prepared.DocDigest, $"seed {Seed}, iteration {i}, position {position}");
                }
                catch (PdfSigningException)
                {
                    // The expected outcome for damage to the structure.
                }
            }
        }
    }

    [Fact]
    public async Task A_damaged_pdf_gives_the_same_outcome_from_a_stream_as_from_bytes()
    {
        // The stream overload reads through windows that grow on demand; damage near their edges must not make it
        // read anything differently from the byte-array overload.
        var signer = new PdfDeferredSigner(new FixedTimeProvider(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero)));
        var random = new Random(Seed);
        foreach (var input in TestPdfs.Layouts.Select(TestPdfs.CreateComplex))
        {
            for (var i = 0; i < 60; i++)
            {
                var damaged = input.ToArray();
                var position = random.Next(damaged.Length);
                damaged[position] = (byte)random.Next(256);
                PdfSigningError? expectedError = null;
                byte[]? expected = null;
                try
                {
                    expected = (await signer.PrepareAsync(damaged, cancellationToken: TestContext.Current.CancellationToken)).ToArray();
                }
                catch (PdfSigningException error)
                {
                    expectedError = error.Reason;
                }

                using var output = new MemoryStream();
                try
                {
                    await signer.PrepareAsync(new MemoryStream(damaged), output, null, TestContext.Current.CancellationToken);
                    Assert.True(expected is not null && expected.AsSpan().SequenceEqual(output.ToArray()), $"seed {Seed}, iteration {i}, position {position}");
                }
                catch (PdfSigningException error)
                {
                    Assert.True(expectedError == error.Reason, $"seed {Seed}, iteration {i}, position {position}: {error.Reason} instead of {expectedError}");
                }
            }
        }
    }

    private static int OutsideContents(Random random, PreparedPdf prepared)
    {
        var range = prepared.ByteRange;
        var pick = random.NextInt64(range.SignedLength);
        return (int)(pick < range.FirstLength ? pick : range.SecondOffset + (pick - range.FirstLength));
    }
}
