using AiMass.Kernels.Em;

namespace AiMass.Kernels.EStep;

/// <summary>
/// The E-step of one data partition on one device. It keeps whatever it prepared for the partition (converted
/// rows, device buffers) across iterations; each call only takes parameters and returns statistics.
/// </summary>
public interface IPartitionEStep : IDisposable
{
    /// <summary>The device that computes, e.g. "cpu", "reference", "cuda:0 (NVIDIA H200)".</summary>
    string Device { get; }

    /// <summary>Statistics of the whole partition under <paramref name="parameters"/>.</summary>
    SufficientStatistics Compute(ModelParameters parameters, CancellationToken cancellationToken);
}
