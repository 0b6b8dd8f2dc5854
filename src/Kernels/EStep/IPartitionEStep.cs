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

    /// <summary>Statistics of the whole partition under <paramref name="parameters"/>, at the backend's own
    /// precision (<see cref="EStepOptions.Precision"/> on the CPU path).</summary>
    SufficientStatistics Compute(ModelParameters parameters, CancellationToken cancellationToken) =>
        Compute(parameters, null, cancellationToken);

    /// <summary>
    /// Statistics of the whole partition under <paramref name="parameters"/> in the arithmetic
    /// <paramref name="precision"/> names (null: the backend's own). The EM driver names one every step. The
    /// reference computes in float64 whatever is asked; ILGPU devices compute float32 and hand float64 steps to
    /// their CPU path.
    /// </summary>
    SufficientStatistics Compute(
        ModelParameters parameters, EStepPrecision? precision, CancellationToken cancellationToken);
}
