using AiMass.Kernels.EStep;
using AiMass.Kernels.EStep.Cpu;
using AiMass.Seed.Metrics;

namespace AiMass.Worker.Hosting;

/// <summary>What a worker's metrics observe of its E-step backend: its device and its cache of prepared partitions.
/// </summary>
public static class WorkerMetrics
{
    /// <summary>Reports <paramref name="backend"/>'s device, and its partition cache when it keeps one.</summary>
    public static void Observe(AimassMetrics metrics, IEStepBackend backend)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(backend);
        metrics.SetDevice(backend.Name);
        if (Unwrap(backend) is CpuBackend cpu)
        {
            metrics.SetPartitionCache(() => cpu.ResidentMemory);
        }
    }

    private static IEStepBackend Unwrap(IEStepBackend backend) =>
        backend is StepDelayBackend delayed ? Unwrap(delayed.Inner) : backend;
}
