namespace AiMass.Kernels.Em;

/// <summary>Names of <see cref="FitPrecision"/> values as users write them.</summary>
public static class FitPrecisions
{
    /// <summary>
    /// Parses a <c>--precision</c> value: auto, single (also float32), double (also float64); throws
    /// <see cref="InvalidInputException"/> naming the value.
    /// </summary>
    public static FitPrecision Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "auto" => FitPrecision.Auto,
        "single" or "float32" or "float" or "fp32" => FitPrecision.Single,
        "double" or "float64" or "fp64" => FitPrecision.Double,
        _ => throw new InvalidInputException($"--precision {value}: use auto, single or double."),
    };

    /// <summary>The canonical name: auto, single or double.</summary>
    public static string Name(this FitPrecision precision) => precision switch
    {
        FitPrecision.Single => "single",
        FitPrecision.Double => "double",
        _ => "auto",
    };
}
