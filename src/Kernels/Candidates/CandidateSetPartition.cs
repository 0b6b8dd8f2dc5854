using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;

namespace AiMass.Kernels.Candidates;

/// <summary>
/// Gives a partition E-step that knows only single models the <see cref="CandidateSet"/> E-step: each member by the
/// inner E-step (<see cref="CandidateSetEStep.ComputeEach"/>). Backends with a fused pass (the CPU path) handle sets
/// themselves and need no wrapper.
/// </summary>
public sealed class CandidateSetPartition(IPartitionEStep inner, DataPartition partition) : IPartitionEStep
{
    /// <summary>The wrapped E-step.</summary>
    public IPartitionEStep Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public string Device => Inner.Device;

    /// <inheritdoc />
    public SufficientStatistics Compute(
        ModelParameters parameters, EStepPrecision? precision, CancellationToken cancellationToken) =>
        parameters is CandidateSet set
            ? CandidateSetEStep.ComputeEach(
                set, partition, precision, (m, p) => Inner.Compute(m, p, cancellationToken), cancellationToken)
            : Inner.Compute(parameters, precision, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => Inner.Dispose();
}
