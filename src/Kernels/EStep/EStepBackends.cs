using AiMass.Kernels.EStep.Gpu;

namespace AiMass.Kernels.EStep;

/// <summary>Creates the E-step backend a <c>--device</c> value names.</summary>
public static class EStepBackends
{
    /// <summary>The device names users can give, in the order <c>auto</c> prefers them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "reference", .. IlgpuDevices.Names];

    /// <summary>
    /// The backend for <paramref name="device"/>; throws <see cref="InvalidInputException"/> for an unknown name
    /// or a device that is not present.
    /// </summary>
    public static IEStepBackend Create(string device) => device?.Trim().ToLowerInvariant() switch
    {
        "auto" => IlgpuBackend.TryCreateGpu(CpuPath) ?? CpuPath(),
        "reference" => new ReferenceBackend(),
        _ when IlgpuDevices.Parse(device) is { } kind => IlgpuBackend.Create(kind, CpuPath),
        _ => throw new InvalidInputException(
            $"Unknown device '{device}'; use one of: {string.Join(", ", Names)}."),
    };

    /// <summary>
    /// The CPU path, also where failing ILGPU partitions continue: the SIMD backend once it is registered as
    /// "cpu", else the reference backend.
    /// </summary>
    private static IEStepBackend CpuPath() => Names.Contains("cpu") ? Create("cpu") : new ReferenceBackend();
}
