using AiMass.Kernels.Em;
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
    /// The backend for <paramref name="device"/> to run a fit of <paramref name="precision"/>: as
    /// <see cref="Create(string, EStepOptions)"/>, except that <c>auto</c> takes the CPU path for a float64 fit
    /// (the ILGPU kernels are float32), and a float64 fit on an ILGPU device or a float32 fit on the reference is
    /// refused with <see cref="InvalidInputException"/> instead of running in another precision than asked.
    /// </summary>
    public static IEStepBackend Create(string device, EStepOptions options, FitPrecision precision)
    {
        var name = device?.Trim().ToLowerInvariant();
        if (precision == FitPrecision.Double && IlgpuDevices.Parse(name) is not null)
        {
            throw new InvalidInputException(
                $"--precision double: the {name} device computes in float32 only; use --precision auto (float32 " +
                "on the device, the last iterations in float64 on the CPU) or --device cpu.");
        }

        if (precision == FitPrecision.Single && name == "reference")
        {
            throw new InvalidInputException(
                "--precision single: the reference device computes in float64 only; use --precision double, or " +
                "--device cpu for float32.");
        }

        return Create(precision == FitPrecision.Double && name == "auto" ? "cpu" : device!, options);
    }

    /// <summary>
    /// The precision a fit of <paramref name="precision"/> runs at on <paramref name="device"/>: the reference
    /// computes in float64 only, so auto is double there; everything else as asked (single on the reference is
    /// refused by <see cref="Create(string, EStepOptions, FitPrecision)"/>).
    /// </summary>
    public static FitPrecision EffectivePrecision(string device, FitPrecision precision) =>
        precision == FitPrecision.Auto && device?.Trim().ToLowerInvariant() == "reference"
            ? FitPrecision.Double
            : precision;

    /// <summary>
    /// The backend for <paramref name="device"/> with <paramref name="options"/> (threads and memory of the
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
