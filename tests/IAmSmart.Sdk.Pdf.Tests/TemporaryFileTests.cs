using IAmSmart.Sdk.Pdf.Internal;

namespace IAmSmart.Sdk.Pdf.Tests;

/// <summary>The temporary copy a non-seekable input is read into.</summary>
[Trait("Category", "Unit")]
public sealed class TemporaryFileTests
{
    [Fact]
    public async Task The_copy_holds_the_input_from_its_start_and_is_deleted_when_disposed()
    {
        var bytes = TestPdfs.CreateUnsigned();
        string path;
        using (var copy = await TemporaryFile.CopyAsync(default, new TrickleStream(bytes, seekable: false), long.MaxValue, TestContext.Current.CancellationToken))
        {
            path = copy.Name;
            using var read = new MemoryStream();
            await copy.CopyToAsync(read, TestContext.Current.CancellationToken);

            Assert.Equal(bytes, read.ToArray());
            Assert.True(File.Exists(path));
        }

        Assert.False(File.Exists(path));
    }
}
