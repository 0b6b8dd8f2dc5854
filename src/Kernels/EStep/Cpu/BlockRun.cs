using System.Runtime.ExceptionServices;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The state of one <see cref="IBlockJob"/> on a <see cref="CpuWorkerPool"/>: blocks are claimed in increasing
/// order from a counter; a thread that finished block b waits until blocks 0..b−1 are merged, merges b, and
/// claims the next (an ordered hand-off). After a failure or cancellation the remaining blocks are claimed and
/// skipped, so the run always ends and the caller sees the first exception.
/// </summary>
internal sealed class BlockRun(IBlockJob job, CancellationToken cancellationToken)
{
    private readonly object _mergeLock = new();
    private readonly ManualResetEventSlim _done = new(job.BlockCount == 0);
    private int _nextBlock;
    private int _merged;
    private volatile bool _stopped;
    private ExceptionDispatchInfo? _error;

    /// <summary>True once every block has been claimed (threads move on to the next run).</summary>
    public bool Exhausted => Volatile.Read(ref _nextBlock) >= job.BlockCount;

    /// <summary>Claims and completes blocks on the calling compute thread until none are left.</summary>
    public void Participate(int worker)
    {
        while (true)
        {
            var block = Interlocked.Increment(ref _nextBlock) - 1;
            if (block >= job.BlockCount)
            {
                return;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                _stopped = true;
            }

            Execute(() => job.ComputeBlock(block, worker));
            lock (_mergeLock)
            {
                while (_merged != block)
                {
                    Monitor.Wait(_mergeLock);
                }

                Execute(() => job.MergeBlock(block, worker));
                _merged = block + 1;
                Monitor.PulseAll(_mergeLock);
            }

            if (block + 1 == job.BlockCount)
            {
                _done.Set();
            }
        }
    }

    /// <summary>Blocks the caller until the run ends; rethrows the first failure or the cancellation.</summary>
    public void Wait()
    {
        _done.Wait(CancellationToken.None);
        _done.Dispose();
        _error?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void Execute(Action step)
    {
        if (_stopped)
        {
            return;
        }

        try
        {
            step();
        }
        catch (Exception e)
        {
            lock (_mergeLock)
            {
                _error ??= ExceptionDispatchInfo.Capture(e);
            }

            _stopped = true;
        }
    }
}
