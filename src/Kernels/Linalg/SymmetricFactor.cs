using MathNet.Numerics.LinearAlgebra;
using DoubleVector = System.Numerics.Vector<double>;

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

    /// <summary>
    /// Forward substitution for L⁻¹ (row-major result), row by row over contiguous memory:
    /// L⁻¹[i, ·] = (eᵢ − Σ_{k&lt;i} L[i, k] L⁻¹[k, ·]) / L[i, i], each entry's terms subtracted in ascending k as the
    /// textbook column form does. Null when a pivot is not positive.
    /// </summary>
    private static double[]? InvertLowerTriangular(Matrix<double> lower, int d)
    {
        var factor = lower.ToRowMajorArray();
        var inverse = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            var pivot = factor[(i * d) + i];
            if (!(pivot > 0))
            {
                return null;
            }

            var row = inverse.AsSpan(i * d, i + 1);
            row[i] = 1.0;
            for (var k = 0; k < i; k++)
            {
                SubtractScaled(row[..(k + 1)], factor[(i * d) + k], inverse.AsSpan(k * d, k + 1));
            }

            for (var j = 0; j <= i; j++)
            {
                row[j] /= pivot;
            }
        }

        return inverse;
    }

    /// <summary>target −= coefficient · source, element by element (vectorised; no sums, so the same bits as a
    /// scalar loop).</summary>
    private static void SubtractScaled(Span<double> target, double coefficient, ReadOnlySpan<double> source)
    {
        var j = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated && target.Length >= DoubleVector.Count)
        {
            var scale = new DoubleVector(coefficient);
            for (; j <= target.Length - DoubleVector.Count; j += DoubleVector.Count)
            {
                var slice = target[j..];
                (new DoubleVector(slice) - (scale * new DoubleVector(source[j..]))).CopyTo(slice);
            }
        }

        for (; j < target.Length; j++)
        {
            target[j] -= coefficient * source[j];
        }
    }
}
