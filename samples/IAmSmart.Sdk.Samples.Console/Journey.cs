using System.Diagnostics;

namespace IAmSmart.Sdk.Samples.Console;

/// <summary>Runs named steps in order, prints each with its outcome and time, and stops at the first failure.</summary>
internal sealed class Journey(TextWriter output)
{
    private int _number;
    private int _succeeded;

    public bool Failed { get; private set; }

    public int Succeeded => _succeeded;

    public int Attempted => _number;

    public async Task<T?> StepAsync<T>(string name, Func<Task<T>> step, Func<T, string> describe)
    {
        if (Failed)
        {
            return default;
        }

        _number++;
        var watch = Stopwatch.StartNew();
        try
        {
            var result = await step();
            output.WriteLine($"[{_number}] {name,-28} ok    {watch.ElapsedMilliseconds,5} ms  {describe(result)}");
            _succeeded++;
            return result;
        }
        catch (Exception ex) when (ex is IAmSmartException or InvalidOperationException or HttpRequestException or TimeoutException)
        {
            var code = ex is IAmSmartException { Code: { } c } ? $" [{c}]" : string.Empty;
            var txId = ex is IAmSmartException { TxId: { } t } ? $" txID {t}" : string.Empty;
            output.WriteLine($"[{_number}] {name,-28} FAIL  {watch.ElapsedMilliseconds,5} ms  {ex.GetType().Name}{code}{txId}: {ex.Message}");
            Failed = true;
            return default;
        }
    }
}
