using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;

namespace AiMass.Cluster.Tests.Support;

/// <summary>The reference E-step made slow on purpose (a blocking sleep per partition and step), to hold a job
/// mid-iteration while a test breaks something.</summary>
public sealed class SlowBackend(TimeSpan delay) : IEStepBackend
{
    private readonly ReferenceBackend _inner = new();

    public string Name => "slow-reference";

    public IPartitionEStep Bind(DataPartition partition) => new Slow(_inner.Bind(partition), delay);

    public void Dispose() => _inner.Dispose();

    private sealed class Slow(IPartitionEStep inner, TimeSpan delay) : IPartitionEStep
    {
        public string Device => "slow-reference";

        public SufficientStatistics Compute(
            ModelParameters parameters, EStepPrecision? precision, CancellationToken cancellationToken)
        {
            Thread.Sleep(delay);
            return inner.Compute(parameters, precision, cancellationToken);
        }

        public void Dispose() => inner.Dispose();
    }
}
