using IAmSmart.Sdk.Pdf.Internal;

namespace IAmSmart.Sdk.Pdf.Tests;

/// <summary>
/// <see cref="HeadStart{T}"/>, with a scheduler that runs the head start only when told: the work runs exactly once,
/// by whoever comes first, and its outcome reaches the caller or is observed.
/// </summary>
[Trait("Category", "Unit")]
public sealed class HeadStartTests
{
    [Fact]
    public async Task The_caller_runs_the_work_when_no_pool_thread_has_started_it_and_it_is_not_run_again()
    {
        var scheduler = new ManualScheduler();
        var runs = 0;
        var headStart = new HeadStart<string>(() => $"run {Interlocked.Increment(ref runs)}", CancellationToken.None, scheduler);

        var result = await headStart.GetAsync();
        scheduler.RunAll();

        Assert.Equal("run 1", result);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task The_caller_gets_the_result_of_the_head_start_without_running_the_work_again()
    {
        var scheduler = new ManualScheduler();
        var runs = 0;
        var headStart = new HeadStart<string>(() => $"run {Interlocked.Increment(ref runs)}", CancellationToken.None, scheduler);

        scheduler.RunAll();
        var result = await headStart.GetAsync();

        Assert.Equal("run 1", result);
        Assert.Equal(1, runs);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_works_exception_reaches_the_caller_whoever_ran_it(bool headStartRan)
    {
        var scheduler = new ManualScheduler();
        var headStart = new HeadStart<string>(() => throw new PdfSigningException(PdfSigningError.NotCms, "Invented failure."), CancellationToken.None, scheduler);
        if (headStartRan)
        {
            scheduler.RunAll();
        }

        var error = await Assert.ThrowsAsync<PdfSigningException>(headStart.GetAsync);

        Assert.Equal(PdfSigningError.NotCms, error.Reason);
    }

    [Fact]
    public async Task Abandoning_a_failed_head_start_drops_its_exception()
    {
        var scheduler = new ManualScheduler();
        var headStart = new HeadStart<string>(() => throw new PdfSigningException(PdfSigningError.NotCms, "Invented failure."), CancellationToken.None, scheduler);
        scheduler.RunAll();

        var error = await Record.ExceptionAsync(headStart.AbandonAsync);

        Assert.Null(error);
    }

    [Fact]
    public async Task Abandoning_a_head_start_that_has_not_started_keeps_the_work_from_running()
    {
        var scheduler = new ManualScheduler();
        var runs = 0;
        var headStart = new HeadStart<string>(() => $"run {Interlocked.Increment(ref runs)}", CancellationToken.None, scheduler);

        await headStart.AbandonAsync();
        scheduler.RunAll();

        Assert.Equal(0, runs);
    }

    /// <summary>Queues tasks and runs them, on the calling thread, only in <see cref="RunAll"/>.</summary>
    private sealed class ManualScheduler : TaskScheduler
    {
        private readonly List<Task> _queued = [];

        public void RunAll()
        {
            foreach (var task in _queued.ToArray())
            {
                _queued.Remove(task);
                TryExecuteTask(task);
            }
        }

        protected override IEnumerable<Task> GetScheduledTasks() => _queued;

        protected override void QueueTask(Task task)
        {
            _queued.Add(task);
        }

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;
    }
}
