namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// A small fixed set of dedicated compute threads. E-step work never runs on the .NET ThreadPool, which in a
/// cluster node also carries Akka remoting and heartbeats (starving it gets the node downed).
/// Runs are queued; every thread helps with the oldest run that still has unclaimed blocks.
/// </summary>
internal sealed class CpuWorkerPool : IDisposable
{
    private readonly object _gate = new();
    private readonly Queue<BlockRun> _runs = new();
    private readonly Thread[] _threads;
    private bool _disposed;

    /// <summary>Starts <paramref name="threads"/> background threads.</summary>
    public CpuWorkerPool(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            var worker = i;
            _threads[i] = new Thread(() => Loop(worker))
            {
                IsBackground = true,
                Name = $"aimass-cpu-estep-{i}",
            };
            _threads[i].Start();
        }
    }

    /// <summary>Number of compute threads.</summary>
    public int Size => _threads.Length;

    /// <summary>
    /// Runs <paramref name="job"/> on the compute threads and blocks the caller until every block is merged.
    /// Throws the first exception of a block, or <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public void Run(IBlockJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        cancellationToken.ThrowIfCancellationRequested();
        var run = new BlockRun(job, cancellationToken);
        if (job.BlockCount > 0)
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                _runs.Enqueue(run);
                Monitor.PulseAll(_gate);
            }
        }

        run.Wait();
    }

    /// <summary>Lets queued runs finish, then stops and joins the threads.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Monitor.PulseAll(_gate);
        }

        foreach (var thread in _threads)
        {
            if (thread != Thread.CurrentThread)
            {
                thread.Join();
            }
        }
    }

    private void Loop(int worker)
    {
        while (Next() is { } run)
        {
            run.Participate(worker);
        }
    }

    /// <summary>The oldest run with blocks left, or null once disposed and drained.</summary>
    private BlockRun? Next()
    {
        lock (_gate)
        {
            while (true)
            {
                while (_runs.Count > 0 && _runs.Peek().Exhausted)
                {
                    _runs.Dequeue();
                }

                if (_runs.Count > 0)
                {
                    return _runs.Peek();
                }

                if (_disposed)
                {
                    return null;
                }

                Monitor.Wait(_gate);
            }
        }
    }
}
