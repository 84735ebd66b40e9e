using System.IO.Compression;

namespace IAmSmart.Sdk.Pdf.Internal.Cos;

/// <summary>
/// Decodes the streams a reader of the document structure meets: cross-reference and object streams, which are
/// unfiltered or <c>/FlateDecode</c>, optionally with a PNG predictor (ISO 32000-1 §7.4.4).
/// </summary>
internal static class PdfStreamDecoder
{
    /// <summary>Far beyond any real cross-reference or object stream; stops a decompression bomb.</summary>
    private const int MaxDecodedLength = 256 * 1024 * 1024;

    public static byte[] Decode(PdfStream stream, Func<PdfObject?, PdfObject?> resolve)
    {
        var filters = AsList(resolve(stream.Dictionary["Filter"]), resolve);
        var parameters = AsList(resolve(stream.Dictionary["DecodeParms"]), resolve);
        var data = stream.EncodedData.ToArray();
        for (var i = 0; i < filters.Count; i++)
        {
            var filter = (filters[i] as PdfName)?.Value;
            data = filter switch
            {
                "FlateDecode" => Inflate(data),
                _ => throw new PdfFormatException($"A structural stream uses the filter /{filter}; only /FlateDecode is supported."),
            };
            if (i < parameters.Count && resolve(parameters[i]) is PdfDictionary decodeParameters)
            {
                data = Unpredict(data, decodeParameters, resolve);
            }
        }

        return data;
    }

    private static List<PdfObject> AsList(PdfObject? value, Func<PdfObject?, PdfObject?> resolve) => value switch
    {
        null or PdfNull => [],
        PdfArray array => [.. array.Items.Select(item => resolve(item) ?? PdfNull.Instance)],
        _ => [value],
    };

    private static byte[] Inflate(byte[] data)
    {
        try
        {
            using var input = new ZLibStream(new MemoryStream(data, writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                if (output.Length + read > MaxDecodedLength)
                {
                    throw new PdfFormatException($"A structural stream inflates to more than {MaxDecodedLength} bytes.");
                }

                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new PdfFormatException($"A /FlateDecode stream is corrupt: {ex.Message}");
        }
    }

    /// <summary>Undoes a PNG predictor (<c>/Predictor</c> 10–15): each row starts with its own PNG filter type byte.</summary>
    private static byte[] Unpredict(byte[] data, PdfDictionary parameters, Func<PdfObject?, PdfObject?> resolve)
    {
        var predictor = Integer(parameters, "Predictor", 1, resolve);
        if (predictor == 1)
        {
            return data;
        }

        if (predictor < 10)
        {
            throw new PdfFormatException($"The /Predictor {predictor} (TIFF) is not supported in structural streams; PNG predictors are.");
        }

        var colors = Integer(parameters, "Colors", 1, resolve);
        var bitsPerComponent = Integer(parameters, "BitsPerComponent", 8, resolve);
        var columns = Integer(parameters, "Columns", 1, resolve);
        if (colors is < 1 or > 32 || bitsPerComponent is not (1 or 2 or 4 or 8 or 16) || columns is < 1 or > 1 << 20)
        {
            throw new PdfFormatException("The PNG predictor parameters are out of range.");
        }

        var bytesPerPixel = (int)Math.Max(1, colors * bitsPerComponent / 8);
        var rowLength = (int)(((colors * bitsPerComponent * columns) + 7) / 8);
        var rows = data.Length / (rowLength + 1);
        var output = new byte[rows * rowLength];
        var previous = new byte[rowLength];
        for (var row = 0; row < rows; row++)
        {
            var type = data[row * (rowLength + 1)];
            var input = data.AsSpan((row * (rowLength + 1)) + 1, rowLength);
            var current = output.AsSpan(row * rowLength, rowLength);
            for (var i = 0; i < rowLength; i++)
            {
                int left = i >= bytesPerPixel ? current[i - bytesPerPixel] : 0;
                int up = previous[i];
                int upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
                current[i] = (byte)(input[i] + type switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new PdfFormatException($"A PNG-predicted row has the unknown filter type {type}."),
                });
            }

            current.CopyTo(previous);
        }

        return output;
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var toLeft = Math.Abs(estimate - left);
        var toUp = Math.Abs(estimate - up);
        var toUpLeft = Math.Abs(estimate - upLeft);
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }

    private static long Integer(PdfDictionary dictionary, string key, long fallback, Func<PdfObject?, PdfObject?> resolve) =>
        resolve(dictionary[key]) is PdfNumber number && number.TryGetInteger(out var value) ? value : fallback;
}
