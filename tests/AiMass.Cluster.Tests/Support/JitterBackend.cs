using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;

namespace AiMass.Cluster.Tests.Support;

/// <summary>
/// The reference E-step after a wait of 0–<c>maxMs</c> ms drawn from a seeded generator per partition and call, so
/// partitions (and nodes) answer in a different order at every step.
/// </summary>
public sealed class JitterBackend(int seed, int maxMs) : IEStepBackend
{
    private readonly ReferenceBackend _inner = new();

    public string Name => "jitter-reference";

    public IPartitionEStep Bind(DataPartition partition) =>
        new Jittered(_inner.Bind(partition), new Random(seed * 1000 + partition.Index), maxMs);

    public void Dispose() => _inner.Dispose();

    private sealed class Jittered(IPartitionEStep inner, Random random, int maxMs) : IPartitionEStep
    {
        public string Device => "jitter-reference";

        public SufficientStatistics Compute(
            ModelParameters parameters, EStepPrecision? precision, CancellationToken cancellationToken)
        {
            cancellationToken.WaitHandle.WaitOne(random.Next(maxMs + 1));
            return inner.Compute(parameters, precision, cancellationToken);
        }

        public void Dispose() => inner.Dispose();
    }
}
