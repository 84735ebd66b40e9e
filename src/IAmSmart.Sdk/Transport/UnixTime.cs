namespace IAmSmart.Sdk.Transport;

/// <summary>
/// iAM Smart's times on the wire, Unix milliseconds, as <see cref="DateTimeOffset"/>: the one place that checks the range,
/// so that a value no real response or callback carries gives a typed failure or <see langword="null"/>, never the
/// <see cref="ArgumentOutOfRangeException"/> of <see cref="DateTimeOffset.FromUnixTimeMilliseconds"/>.
/// </summary>
internal static class UnixTime
{
    private static readonly long MinMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>The time <paramref name="milliseconds"/> after the Unix epoch, if a <see cref="DateTimeOffset"/> holds it.</summary>
    public static bool TryFromMilliseconds(long milliseconds, out DateTimeOffset time)
    {
        var inRange = milliseconds >= MinMilliseconds && milliseconds <= MaxMilliseconds;
        time = inRange ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : default;
        return inRange;
    }

    /// <summary>The time, or <see langword="null"/> when absent or out of range (for optional, informational members).</summary>
    public static DateTimeOffset? FromMilliseconds(long? milliseconds)
        => milliseconds is { } ms && TryFromMilliseconds(ms, out var time) ? time : null;

    /// <summary><paramref name="start"/> plus <paramref name="milliseconds"/>, if a <see cref="DateTimeOffset"/> holds it.</summary>
    public static bool TryAdd(DateTimeOffset start, long milliseconds, out DateTimeOffset time)
    {
        var from = start.ToUnixTimeMilliseconds();

        // from is within range, so neither bound below overflows, nor does the sum once it is between them.
        var inRange = milliseconds <= MaxMilliseconds - from && milliseconds >= MinMilliseconds - from;
        time = inRange ? DateTimeOffset.FromUnixTimeMilliseconds(from + milliseconds) : default;
        return inRange;
    }
}
