using Xunit.Sdk;

namespace AiMass.Kernels.Tests.Support;

/// <summary>Relative comparisons of numeric arrays: ‖a − b‖∞ / max(‖b‖∞, floor).</summary>
public static class Compare
{
    /// <summary>The relative ∞-norm difference of two arrays of equal length.</summary>
    public static double RelativeError(
        ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, double floor = 1e-300)
    {
        if (actual.Length != expected.Length)
        {
            throw new XunitException($"Lengths differ: {actual.Length} vs {expected.Length}.");
        }

        double diff = 0, scale = floor;
        for (var i = 0; i < actual.Length; i++)
        {
            diff = Math.Max(diff, Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }

        return diff / scale;
    }

    /// <summary>
    /// Fails with the name and the error when the relative error exceeds <paramref name="tolerance"/>.
    /// </summary>
    public static void Close(
        string what, ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, double tolerance,
        double floor = 1e-300)
    {
        var error = RelativeError(actual, expected, floor);
        if (!(error <= tolerance))
        {
            throw new XunitException($"{what}: relative error {error:E3} exceeds {tolerance:E1}.");
        }
    }

    /// <summary>
    /// Scalar version of <see cref="Close(string, ReadOnlySpan{double}, ReadOnlySpan{double}, double, double)"/>.
    /// </summary>
    public static void Close(string what, double actual, double expected, double tolerance) =>
        Close(what, [actual], [expected], tolerance);
}
