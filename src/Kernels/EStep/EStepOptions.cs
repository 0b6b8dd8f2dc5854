namespace AiMass.Kernels.EStep;

/// <summary>Options for creating an E-step backend (<c>--precision</c>, <c>--threads</c>).</summary>
/// <param name="Precision">Arithmetic precision of the per-row work.</param>
/// <param name="Threads">Compute threads a CPU backend owns; 0 or less means one per logical processor.</param>
public sealed record EStepOptions(EStepPrecision Precision = EStepPrecision.Single, int Threads = 0)
{
    /// <summary>The defaults: single precision, one thread per logical processor.</summary>
    public static EStepOptions Default { get; } = new();

    /// <summary>The thread count to use: <see cref="Threads"/>, or the processor count when not positive.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    /// <summary>Parses a <c>--precision</c> value (single|double, also float32|float64); throws
    /// <see cref="InvalidInputException"/> naming the value.</summary>
    public static EStepPrecision ParsePrecision(string value) => value?.Trim().ToLowerInvariant() switch
    {
        "single" or "float32" or "float" or "fp32" => EStepPrecision.Single,
        "double" or "float64" or "fp64" => EStepPrecision.Double,
        _ => throw new InvalidInputException($"Unknown precision '{value}'; use single or double."),
    };
}
