namespace IAmSmart.Sdk.Pdf.Internal;

/// <summary>
/// Work given a head start on the thread pool while the caller does something else, run exactly once: by a pool thread
/// if one picks it up first, otherwise by the caller when it asks for the result. So on a machine with a free core the
/// work overlaps the caller's, and on a saturated one the caller does not wait for a pool thread to become free: it runs
/// the work itself, as it would have without the head start.
/// </summary>
/// <typeparam name="T">The work's result.</typeparam>
internal sealed class HeadStart<T>
    where T : class
{
    private readonly Func<T> _work;
    private readonly Task<T?> _pooled;
    private int _claimed;

    /// <param name="work">Short, CPU-bound work that may run on another thread.</param>
    /// <param name="cancellationToken">Keeps the pool from starting the work once cancelled.</param>
    /// <param name="scheduler">Where the head start is queued: the thread pool unless a test says otherwise.</param>
    public HeadStart(Func<T> work, CancellationToken cancellationToken, TaskScheduler? scheduler = null)
    {
        _work = work;
        _pooled = Task.Factory.StartNew(
            () => Claim() ? _work() : null, cancellationToken, TaskCreationOptions.DenyChildAttach, scheduler ?? TaskScheduler.Default);
    }

    /// <summary>The work's result, or its exception: run here if no pool thread has started it, awaited otherwise.</summary>
    public async Task<T> GetAsync() => Claim() ? _work() : (await _pooled)!;

    /// <summary>
    /// For a caller that no longer needs the result (it is failing for another reason): waits for the work if a pool
    /// thread is running it, so that it does not outlive the caller, and drops its outcome, so that no exception of it
    /// goes unobserved; keeps it from starting otherwise.
    /// </summary>
    public async Task AbandonAsync()
    {
        if (Claim())
        {
            return;
        }

        try
        {
            await _pooled;
        }
#pragma warning disable CA1031 // The caller's own exception is the one that matters; this one is only observed.
        catch
#pragma warning restore CA1031
        {
        }
    }

    private bool Claim() => Interlocked.Exchange(ref _claimed, 1) == 0;
}
