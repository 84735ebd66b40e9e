namespace IAmSmart.Sdk.Tests;

/// <summary>
/// Where the netstandard2.0 build's public API has a different shape (no DateOnly there: a date is a DateTime at
/// midnight), the shared tests' assertions compare the same value through these overloads.
/// </summary>
internal static class NetStandardShapes
{
    extension(Assert)
    {
        public static void Equal(DateOnly expected, DateTime? actual)
            => Assert.Equal<DateTime?>(expected.ToDateTime(TimeOnly.MinValue), actual);
    }
}
