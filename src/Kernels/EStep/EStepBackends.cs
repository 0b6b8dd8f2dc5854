namespace AiMass.Kernels.EStep;

/// <summary>Creates the E-step backend a <c>--device</c> value names.</summary>
public static class EStepBackends
{
    /// <summary>The device names users can give, in the order <c>auto</c> prefers them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "reference"];

    /// <summary>
    /// The backend for <paramref name="device"/>; throws <see cref="InvalidInputException"/> for an unknown name
    /// or a device that is not present.
    /// </summary>
    public static IEStepBackend Create(string device) => device?.Trim().ToLowerInvariant() switch
    {
        "auto" or "reference" => new ReferenceBackend(),
        _ => throw new InvalidInputException(
            $"Unknown device '{device}'; use one of: {string.Join(", ", Names)}."),
    };
}
