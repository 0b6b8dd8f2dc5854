namespace AiMass.Kernels.EStep;

/// <summary>Creates the E-step backend a <c>--device</c> value names.</summary>
public static class EStepBackends
{
    /// <summary>The device names users can give, in the order <c>auto</c> prefers them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "cpu", "reference"];

    /// <summary>
    /// The backend for <paramref name="device"/>; throws <see cref="InvalidInputException"/> for an unknown name
    /// or a device that is not present.
    /// </summary>
    public static IEStepBackend Create(string device) => Create(device, EStepOptions.Default);

    /// <summary>
    /// The backend for <paramref name="device"/> with <paramref name="options"/> (precision, threads); throws
    /// <see cref="InvalidInputException"/> for an unknown name or a device that is not present.
    /// </summary>
    public static IEStepBackend Create(string device, EStepOptions options) => device?.Trim().ToLowerInvariant() switch
    {
        "auto" or "cpu" => new Cpu.CpuBackend(options),
        "reference" => new ReferenceBackend(),
        _ => throw new InvalidInputException(
            $"Unknown device '{device}'; use one of: {string.Join(", ", Names)}."),
    };
}
