using ILGPU.Runtime;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>The accelerator properties a <see cref="TilePlan"/> depends on.</summary>
/// <param name="Name">Device name for messages.</param>
/// <param name="MaxThreadsPerGroup">Largest group the device runs.</param>
/// <param name="MaxSharedMemoryBytes">Shared memory per group in bytes.</param>
/// <param name="Multiprocessors">Number of multiprocessors (SMs).</param>
/// <param name="MemoryBytes">Device memory in bytes.</param>
internal sealed record DeviceLimits(
    string Name, int MaxThreadsPerGroup, int MaxSharedMemoryBytes, int Multiprocessors, long MemoryBytes)
{
    /// <summary>Reads the limits of <paramref name="accelerator"/>.</summary>
    public static DeviceLimits Of(Accelerator accelerator, string name) => new(
        name, accelerator.MaxNumThreadsPerGroup, accelerator.MaxSharedMemoryPerGroup,
        Math.Max(1, accelerator.NumMultiprocessors), accelerator.MemorySize);
}
