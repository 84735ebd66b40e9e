namespace IAmSmart.Sdk.Testing.Callbacks;

/// <summary>Every callback the simulator delivered, in order, with a way to wait for one.</summary>
public sealed class CallbackLog
{
    private readonly Lock _gate = new();
    private readonly List<SimulatorCallback> _delivered = [];
    private readonly List<(Func<SimulatorCallback, bool> Match, TaskCompletionSource<SimulatorCallback> Waiter)> _waiters = [];

    /// <summary>The callbacks delivered so far.</summary>
    public IReadOnlyList<SimulatorCallback> Delivered
    {
        get
        {
            lock (_gate)
            {
                return [.. _delivered];
            }
        }
    }

    /// <summary>Returns the first delivered callback that matches, waiting for it if none has come yet.</summary>
    /// <param name="match">Which callback to wait for, for example by <see cref="SimulatorCallback.BusinessId"/>.</param>
    /// <param name="cancellationToken">Stops waiting; pass a token with a timeout so that a test cannot hang.</param>
    public Task<SimulatorCallback> WaitForAsync(Func<SimulatorCallback, bool> match, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        lock (_gate)
        {
            var found = _delivered.FirstOrDefault(match);
            if (found is not null)
            {
                return Task.FromResult(found);
            }

            var waiter = new TaskCompletionSource<SimulatorCallback>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, waiter));
            return waiter.Task.WaitAsync(cancellationToken);
        }
    }

    internal void Add(SimulatorCallback callback)
    {
        List<TaskCompletionSource<SimulatorCallback>> release = [];
        lock (_gate)
        {
            _delivered.Add(callback);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(callback))
                {
                    release.Add(_waiters[i].Waiter);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var waiter in release)
        {
            waiter.TrySetResult(callback);
        }
    }
}
