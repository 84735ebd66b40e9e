// netstandard2.0 only: System.Buffers.SearchValues (.NET 8) for the byte sets the PDF reader scans with, as a 256-entry
// table, so the calling code is the same on both builds (the net10.0 build gets the vectorised BCL one). Like every
// polyfill type here it lives in IAmSmart.Sdk.Polyfills (imported by the csproj), not in the BCL's namespace: the
// netstandard2.0 tests see these internals, and a second System.Buffers.SearchValues there would clash with .NET 10's.
namespace IAmSmart.Sdk.Polyfills;

internal static class SearchValues
{
    public static SearchValues<byte> Create(ReadOnlySpan<byte> values) => new(values);
}

internal sealed class SearchValues<T>
    where T : IEquatable<T>
{
    private readonly bool[] _contains = new bool[256];

    internal SearchValues(ReadOnlySpan<byte> values)
    {
        foreach (var value in values)
        {
            _contains[value] = true;
        }
    }

    public bool Contains(byte value) => _contains[value];
}

internal static class SearchValuesPolyfills
{
    public static int IndexOfAnyExcept(this ReadOnlySpan<byte> span, SearchValues<byte> values)
    {
        for (var i = 0; i < span.Length; i++)
        {
            if (!values.Contains(span[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public static int IndexOfAnyExcept(this Span<byte> span, SearchValues<byte> values) => ((ReadOnlySpan<byte>)span).IndexOfAnyExcept(values);
}
