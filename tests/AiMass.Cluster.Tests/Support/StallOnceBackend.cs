using System.Diagnostics;
using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;

namespace AiMass.Cluster.Tests.Support;

/// <summary>
/// The reference E-step whose first step per partition stalls: it either blocks (sleeps) or burns every core
/// (a parallel loop that spins on thread-pool threads, as a multi-threaded CPU backend would) for
/// <paramref name="stall"/>; later steps run normally.
/// </summary>
public sealed class StallOnceBackend(TimeSpan stall, bool burnCores) : IEStepBackend
{
    private readonly ReferenceBackend _inner = new();

    public string Name => "stall-once";

    public IPartitionEStep Bind(DataPartition partition) => new Stalling(_inner.Bind(partition), stall, burnCores);

    public void Dispose() => _inner.Dispose();

    private sealed class Stalling(IPartitionEStep inner, TimeSpan stall, bool burnCores) : IPartitionEStep
    {
        private bool _stalled;

        public string Device => "stall-once";

        public SufficientStatistics Compute(
            ModelParameters parameters, EStepPrecision? precision, CancellationToken cancellationToken)
        {
            if (!_stalled)
            {
                _stalled = true;
                if (burnCores)
                {
                    Burn(stall);
                }
                else
                {
                    Thread.Sleep(stall);
                }
            }

            return inner.Compute(parameters, precision, cancellationToken);
        }

        public void Dispose() => inner.Dispose();

        private static void Burn(TimeSpan duration)
        {
            var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            // One spinning item per core: with two partitions the thread pool's threads are all busy until it injects
            // more, which it may not do while the CPU is saturated (CI runs other test processes alongside). Akka's
            // cluster and remoting actors therefore run on dedicated threads (AimassAkka.Hocon).
            Parallel.For(0, Environment.ProcessorCount, _ =>
            {
                var x = 1.0;
                while (Stopwatch.GetTimestamp() < end)
                {
                    x = Math.Sqrt(x + 1.0);
                }

                GC.KeepAlive(x);
            });
        }
    }
}
