using System.Buffers;

namespace AiMass.Kernels.Linalg;

/// <summary>
/// Cholesky-based factors of symmetric positive-definite matrices, as scikit-learn's mixture module keeps them:
/// the precision Cholesky U with Σ⁻¹ = U Uᵀ, U = R⁻¹ where Σ = Rᵀ R (upper triangular; R = Lᵀ of Σ = L Lᵀ).
/// </summary>
public static class SymmetricFactor
{
    /// <summary>
    /// Writes the upper-triangular precision Cholesky of <paramref name="covariance"/> (<c>[D × D]</c>, row-major)
    /// into <paramref name="precisionCholesky"/> and returns Σ log diag(U), or null when Σ is not positive definite.
    /// The factor and the inverse are <see cref="CholeskyKernel"/>'s: the same bits on every machine.
    /// </summary>
    public static double? TryPrecisionCholesky(ReadOnlySpan<double> covariance, int d, Span<double> precisionCholesky)
    {
        if (covariance.Length != d * d || precisionCholesky.Length != d * d)
        {
            throw new ArgumentException($"A [{d} × {d}] matrix needs {d * d} values.");
        }

        for (var i = 0; i < covariance.Length; i++)
        {
            if (!double.IsFinite(covariance[i]))
            {
                return null;
            }
        }

        var lower = ArrayPool<double>.Shared.Rent(d * d);
        var inverse = ArrayPool<double>.Shared.Rent(d * d);
        try
        {
            covariance.CopyTo(lower);
            if (!CholeskyKernel.TryFactor(lower, d))
            {
                return null;
            }

            CholeskyKernel.InvertUpper(lower, inverse, d);
            return Copied(inverse, d, precisionCholesky);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(lower);
            ArrayPool<double>.Shared.Return(inverse);
        }
    }

    /// <summary>Copies U (<c>[D × D]</c>, upper) to <paramref name="target"/>; returns Σ log U[i, i], or null when it
    /// is not finite.</summary>
    private static double? Copied(double[] inverse, int d, Span<double> target)
    {
        inverse.AsSpan(0, d * d).CopyTo(target);
        var logDet = 0.0;
        for (var i = 0; i < d; i++)
        {
            logDet += Math.Log(target[(i * d) + i]);
        }

        return double.IsFinite(logDet) ? logDet : null;
    }
}
