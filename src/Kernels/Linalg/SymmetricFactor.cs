using MathNet.Numerics.LinearAlgebra;

namespace AiMass.Kernels.Linalg;

/// <summary>
/// Cholesky-based factors of symmetric positive-definite matrices, as scikit-learn's mixture module keeps them:
/// the precision Cholesky U with Σ⁻¹ = U Uᵀ, U = L⁻ᵀ where Σ = L Lᵀ (upper triangular).
/// </summary>
public static class SymmetricFactor
{
    /// <summary>
    /// Writes the upper-triangular precision Cholesky of <paramref name="covariance"/> (<c>[D × D]</c>, row-major)
    /// into <paramref name="precisionCholesky"/> and returns Σ log diag(U), or null when Σ is not positive definite.
    /// </summary>
    public static double? TryPrecisionCholesky(ReadOnlySpan<double> covariance, int d, Span<double> precisionCholesky)
    {
        if (covariance.Length != d * d || precisionCholesky.Length != d * d)
        {
            throw new ArgumentException($"A [{d} × {d}] matrix needs {d * d} values.");
        }

        var lower = LowerCholesky(covariance, d);
        var inverse = lower is null ? null : InvertLowerTriangular(lower, d);
        if (inverse is null)
        {
            return null;
        }

        // U = (L⁻¹)ᵀ, stored row-major: U[i, j] = L⁻¹[j, i].
        var logDet = 0.0;
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                precisionCholesky[(i * d) + j] = inverse[(j * d) + i];
            }

            logDet += Math.Log(precisionCholesky[(i * d) + i]);
        }

        return double.IsFinite(logDet) ? logDet : null;
    }

    /// <summary>L with Σ = L Lᵀ (MathNet's Cholesky), or null when Σ has a non-finite entry or is not positive
    /// definite.</summary>
    private static Matrix<double>? LowerCholesky(ReadOnlySpan<double> covariance, int d)
    {
        for (var i = 0; i < covariance.Length; i++)
        {
            if (!double.IsFinite(covariance[i]))
            {
                return null;
            }
        }

        try
        {
            // Row-major symmetric input equals its column-major reading.
            var sigma = Matrix<double>.Build.DenseOfColumnMajor(d, d, covariance.ToArray());
            return sigma.Cholesky().Factor;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Forward substitution for L⁻¹ (row-major result); null when a pivot is not positive.</summary>
    private static double[]? InvertLowerTriangular(Matrix<double> lower, int d)
    {
        var inverse = new double[d * d];
        for (var column = 0; column < d; column++)
        {
            for (var i = column; i < d; i++)
            {
                var sum = i == column ? 1.0 : 0.0;
                for (var k = column; k < i; k++)
                {
                    sum -= lower[i, k] * inverse[(k * d) + column];
                }

                var pivot = lower[i, i];
                if (!(pivot > 0))
                {
                    return null;
                }

                inverse[(i * d) + column] = sum / pivot;
            }
        }

        return inverse;
    }
}
