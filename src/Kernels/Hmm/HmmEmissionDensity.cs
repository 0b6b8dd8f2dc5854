using AiMass.Kernels.Linalg;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Hmm;

/// <summary>
/// Emission log-densities log b_s(x_t) of a run of rows under every state, float64, row by row: Gaussian through
/// the precision Cholesky as <see cref="GaussianDensity"/> (y = (x − μ_s) U_s,
/// log N = −½(D log 2π + ‖y‖²) + Σ log diag(U_s)), categorical as log B[s, x_t].
/// </summary>
public static class HmmEmissionDensity
{
    /// <summary>
    /// Writes log b_s(x_t) into <paramref name="logDensities"/> (<c>[T × S]</c>) for the <paramref name="count"/>
    /// rows in <paramref name="rows"/> (<c>[T × F]</c>). Categorical symbols are checked; a bad one is reported as
    /// row <paramref name="firstRow"/> + t of <paramref name="source"/>.
    /// </summary>
    public static void LogDensities(
        HmmParameters parameters, ReadOnlySpan<double> rows, int count, Span<double> logDensities, string source,
        long firstRow)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Emission == HmmEmission.Categorical)
        {
            CategoricalLogDensities(parameters, rows, count, logDensities, source, firstRow);
            return;
        }

        int s = parameters.States, d = parameters.Features;
        Span<double> diff = d <= 512 ? stackalloc double[d] : new double[d];
        var u = parameters.PrecisionCholesky.AsSpan();
        var full = parameters.Emission == HmmEmission.GaussianFull;
        for (var t = 0; t < count; t++)
        {
            var x = rows.Slice(t * d, d);
            for (var c = 0; c < s; c++)
            {
                var mean = parameters.Mean(c);
                for (var j = 0; j < d; j++)
                {
                    diff[j] = x[j] - mean[j];
                }

                var q = full
                    ? PrecisionNorm.Triangular(diff, u.Slice(c * d * d, d * d))
                    : PrecisionNorm.Diagonal(diff, u.Slice(c * d, d));
                logDensities[(t * s) + c] = parameters.LogDetPrecisionCholesky[c]
                    - (0.5 * ((d * GaussianDensity.Log2Pi) + q));
            }
        }
    }

    /// <summary>log B[s, x_t] for every row and state, checking each symbol.</summary>
    private static void CategoricalLogDensities(
        HmmParameters parameters, ReadOnlySpan<double> rows, int count, Span<double> logDensities, string source,
        long firstRow)
    {
        var table = parameters.EmissionProbabilities.AsSpan();
        int s = parameters.States, m = parameters.Symbols;
        for (var t = 0; t < count; t++)
        {
            var symbol = CategoricalSymbols.Check(rows[t], m, source, firstRow + t);
            for (var c = 0; c < s; c++)
            {
                logDensities[(t * s) + c] = Math.Log(table[(c * m) + symbol]);
            }
        }
    }
}
