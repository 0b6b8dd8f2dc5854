using AiMass.Kernels.Input;

namespace AiMass.Kernels.Init;

/// <summary>Names of <see cref="InitMethod"/> on the command line.</summary>
public static class InitMethods
{
    /// <summary>Parses <c>kmeans++</c> or <c>random-from-data</c>; throws naming the value otherwise.</summary>
    public static InitMethod Parse(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "kmeans++" or "k-means++" or "kmeans" => InitMethod.KMeansPlusPlus,
        "random-from-data" or "random_from_data" => InitMethod.RandomFromData,
        _ => throw new InvalidInputException(
            $"Unknown --init-method {Excerpt.Of(name)}; use kmeans++ or random-from-data."),
    };

    /// <summary>The command-line name of <paramref name="method"/>.</summary>
    public static string Name(this InitMethod method) =>
        method == InitMethod.KMeansPlusPlus ? "kmeans++" : "random-from-data";
}
