using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;

namespace AiMass.Cluster.Tests.Support;

/// <summary>
/// The reference E-step, except that from its <c>hangFrom</c>-th computation on, a partition never answers (it
/// waits until its entity is stopped): a straggler that only a second copy elsewhere can overtake.
/// </summary>
public sealed class HangingBackend(int hangFrom) : IEStepBackend
{
    private readonly ReferenceBackend _inner = new();

    public string Name => "hanging-reference";

    public IPartitionEStep Bind(DataPartition partition) => new Hanging(_inner.Bind(partition), hangFrom);

    public void Dispose() => _inner.Dispose();

    private sealed class Hanging(IPartitionEStep inner, int hangFrom) : IPartitionEStep
    {
        private int _calls;

        public string Device => "hanging-reference";

        public SufficientStatistics Compute(
            ModelParameters parameters, EStepPrecision? precision, CancellationToken cancellationToken)
        {
            if (++_calls >= hangFrom)
            {
                cancellationToken.WaitHandle.WaitOne();
                cancellationToken.ThrowIfCancellationRequested();
            }

            return inner.Compute(parameters, precision, cancellationToken);
        }

        public void Dispose() => inner.Dispose();
    }
}
