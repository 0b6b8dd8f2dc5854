using AiMass.Kernels.Data;

namespace AiMass.Kernels.EStep;

/// <summary>
/// One way of computing E-step statistics (reference, SIMD CPU, ILGPU); creates per-partition E-steps.
/// </summary>
public interface IEStepBackend : IDisposable
{
    /// <summary>Short device name shown to users (the <c>--device</c> value and the hardware).</summary>
    string Name { get; }

    /// <summary>Prepares the E-step of <paramref name="partition"/> (loads device buffers once).</summary>
    IPartitionEStep Bind(DataPartition partition);
}
