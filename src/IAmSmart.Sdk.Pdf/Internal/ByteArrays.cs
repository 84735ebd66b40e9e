namespace IAmSmart.Sdk.Pdf.Internal;

/// <summary>
/// Copies into new arrays without zeroing them first: for a file-sized array that is one pass over its memory less.
/// <c>GC.AllocateUninitializedArray</c> is safe only where every byte is written before the array is
/// read or returned, which is what these do (on netstandard2.0 the stand-in allocates a zeroed array).
/// </summary>
internal static class ByteArrays
{
    /// <summary>A new array holding exactly <paramref name="bytes"/>: <c>ToArray()</c> without the zeroing.</summary>
    public static byte[] CopyOf(ReadOnlySpan<byte> bytes)
    {
        var copy = GC.AllocateUninitializedArray<byte>(bytes.Length);
        bytes.CopyTo(copy);
        return copy;
    }

    /// <summary>A new array holding <paramref name="first"/> then <paramref name="second"/>, every byte written.</summary>
    public static byte[] Concat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var joined = GC.AllocateUninitializedArray<byte>(checked(first.Length + second.Length));
        first.CopyTo(joined);
        second.CopyTo(joined.AsSpan(first.Length));
        return joined;
    }
}
