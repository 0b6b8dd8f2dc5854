namespace AiMass.Kernels.Linalg;

/// <summary>
/// The squared Mahalanobis distance ‖(x − μ) U‖² through a precision Cholesky U (Σ⁻¹ = U Uᵀ) in its three shapes,
/// float64, given the difference d = x − μ (<c>[D]</c>). Shared by the reference mixture and HMM densities.
/// </summary>
internal static class PrecisionNorm
{
    /// <summary>‖d U‖² for upper-triangular U (<c>[D × D]</c> row-major): y_j = Σ_{i≤j} d_i U_ij.</summary>
    public static double Triangular(ReadOnlySpan<double> diff, ReadOnlySpan<double> u)
    {
        var d = diff.Length;
        var q = 0.0;
        for (var j = 0; j < d; j++)
        {
            var y = 0.0;
            for (var i = 0; i <= j; i++)
            {
                y += diff[i] * u[(i * d) + j];
            }

            q += y * y;
        }

        return q;
    }

    /// <summary>Σ_j (d_j p_j)² for a diagonal factor with entries p = 1/σ (<c>[D]</c>).</summary>
    public static double Diagonal(ReadOnlySpan<double> diff, ReadOnlySpan<double> precision)
    {
        var q = 0.0;
        for (var j = 0; j < diff.Length; j++)
        {
            var y = diff[j] * precision[j];
            q += y * y;
        }

        return q;
    }

    /// <summary>‖d‖² p² for a spherical factor p = 1/σ.</summary>
    public static double Spherical(ReadOnlySpan<double> diff, double precision)
    {
        var q = 0.0;
        foreach (var v in diff)
        {
            q += v * v;
        }

        return q * precision * precision;
    }
}
