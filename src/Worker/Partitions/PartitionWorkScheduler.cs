using System.Collections.Concurrent;

namespace AiMass.Worker.Partitions;

/// <summary>
/// A few long-lived dedicated threads that run a node's partition work (loading rows, E-steps), shared by all its
/// partitions. Never the .NET thread pool (which carries remoting and heartbeats), and no new OS thread per partition
/// and step as <see cref="TaskCreationOptions.LongRunning"/> would start: at hundreds of partitions per node and a
/// step every few hundred milliseconds, thread creation and its scheduling latency become a visible part of a step.
/// </summary>
public sealed class PartitionWorkScheduler : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread[] _threads;

    /// <summary>Starts <paramref name="threads"/> threads.</summary>
    public PartitionWorkScheduler(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        _threads = Enumerable.Range(0, threads).Select(i => new Thread(Loop)
        {
            IsBackground = true,
            Name = $"aimass-partition-{i}",
        }).ToArray();
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <inheritdoc />
    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>Stops taking work; the threads end once the queued work is done.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _queue.Dispose();
    }

    /// <inheritdoc />
    protected override void QueueTask(Task task) => _queue.Add(task);

    /// <inheritdoc />
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        !taskWasPreviouslyQueued && _threads.Contains(Thread.CurrentThread) && TryExecuteTask(task);

    /// <inheritdoc />
    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Loop()
    {
        try
        {
            foreach (var task in _queue.GetConsumingEnumerable())
            {
                TryExecuteTask(task);
            }
        }
        catch (ObjectDisposedException)
        {
            // Disposed while waiting: the node is stopping.
        }
    }
}
