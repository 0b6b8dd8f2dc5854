using AiMass.Kernels.EStep.Cpu;
using AiMass.Kernels.EStep.Gpu;

namespace AiMass.Kernels.EStep;

/// <summary>Creates the E-step backend a <c>--device</c> value names.</summary>
public static class EStepBackends
{
    /// <summary>The device names users can give (<c>auto</c>: a GPU through ILGPU when present, else cpu).</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "cpu", "reference", .. IlgpuDevices.Names];

    /// <summary>
    /// The backend for <paramref name="device"/>; throws <see cref="InvalidInputException"/> for an unknown name
    /// or a device that is not present.
    /// </summary>
    public static IEStepBackend Create(string device) => Create(device, EStepOptions.Default);

    /// <summary>
    /// The backend for <paramref name="device"/> with <paramref name="options"/> (precision and threads of the
    /// CPU path); throws <see cref="InvalidInputException"/> for an unknown name or a device that is not present.
    /// </summary>
    public static IEStepBackend Create(string device, EStepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // The CPU path, also where failing ILGPU partitions continue.
        IEStepBackend CpuPath() => new CpuBackend(options);
        return device?.Trim().ToLowerInvariant() switch
        {
            "auto" => IlgpuBackend.TryCreateGpu(CpuPath) ?? CpuPath(),
            "cpu" => CpuPath(),
            "reference" => new ReferenceBackend(),
            _ when IlgpuDevices.Parse(device) is { } kind => IlgpuBackend.Create(kind, CpuPath),
            _ => throw new InvalidInputException(
                $"Unknown device '{device}'; use one of: {string.Join(", ", Names)}."),
        };
    }
}
