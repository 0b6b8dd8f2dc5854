using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep;

/// <summary>The reference E-step: float64 (whatever precision a call names), one row at a time, obviously right.
/// Every other backend is tested against it.</summary>
public sealed class ReferenceBackend : IEStepBackend
{
    /// <inheritdoc />
    public string Name => "reference";

    /// <inheritdoc />
    public IPartitionEStep Bind(DataPartition partition) => new Partition(partition);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Partition(DataPartition data) : IPartitionEStep
    {
        public string Device => "reference";

        // float64 whatever precision is asked: the reference is what every precision is measured against.
        public SufficientStatistics Compute(
            ModelParameters parameters, EStepPrecision? precision, CancellationToken cancellationToken) =>
            parameters switch
            {
                GaussianMixtureParameters gmm => ReferenceGaussianMixtureEStep.Compute(data, gmm, cancellationToken),
                HmmParameters hmm => ReferenceHmmEStep.Compute(data, hmm, cancellationToken),
                Candidates.CandidateSet set => Candidates.CandidateSetEStep.ComputeEach(
                    set, data, precision, (member, p) => Compute(member, p, cancellationToken), cancellationToken),
                _ => throw new NotSupportedException(
                    $"The reference backend has no E-step for {parameters.GetType().Name}."),
            };

        public void Dispose()
        {
        }
    }
}
