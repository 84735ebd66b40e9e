namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>Decides which calls fail, from one seeded generator, so that a run can be repeated exactly.</summary>
internal sealed class FaultInjector(SimulatorFaultOptions options)
{
    private readonly Lock _gate = new();
#pragma warning disable CA5394 // Deterministic test faults, not security: a seeded generator is the point.
    private readonly Random _random = new(options.Seed);

    public InjectedFault NextCallFault()
    {
        if (options.ServerErrorRate <= 0 && options.TimeoutRate <= 0)
        {
            return InjectedFault.None;
        }

        lock (_gate)
        {
            var draw = _random.NextDouble();
            if (draw < options.ServerErrorRate)
            {
                return InjectedFault.ServerError;
            }

            return draw < options.ServerErrorRate + options.TimeoutRate ? InjectedFault.Timeout : InjectedFault.None;
        }
    }

    public bool DropNextCallback()
    {
        if (options.DroppedCallbackRate <= 0)
        {
            return false;
        }

        lock (_gate)
        {
            return _random.NextDouble() < options.DroppedCallbackRate;
        }
    }
#pragma warning restore CA5394
}

internal enum InjectedFault
{
    None,
    ServerError,
    Timeout,
}
