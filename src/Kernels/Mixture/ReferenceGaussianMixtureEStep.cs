using AiMass.Kernels.Data;
using AiMass.Kernels.Linalg;

namespace AiMass.Kernels.Mixture;

/// <summary>
/// The reference Gaussian-mixture E-step (Bishop PRML eq. 9.23 in log space): responsibilities by log-sum-exp,
/// then the shifted statistics of <see cref="GaussianMixtureStatistics"/>, all in float64, row by row.
/// </summary>
public static class ReferenceGaussianMixtureEStep
{
    /// <summary>Statistics of <paramref name="partition"/> under <paramref name="parameters"/>.</summary>
    public static GaussianMixtureStatistics Compute(
        DataPartition partition, GaussianMixtureParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(parameters);
        int k = parameters.Components, d = parameters.Features;
        if (partition.Rows.Features != d)
        {
            throw new InvalidInputException(
                $"{partition.Rows.Name} has {partition.Rows.Features} features but the model has {d}.");
        }

        var type = parameters.CovarianceType;
        var shifts = GaussianMixtureStatistics.Shifts(parameters);
        var stats = GaussianMixtureStatistics.Zero(type, k, d);
        var logp = new double[k];
        var diff = new double[d];
        double logLikelihood = 0, weight = 0;
        var labels = partition.Labels is null ? null : new int[RowChunks.DefaultChunkRows];
        RowChunks.ForEach(partition, RowChunks.DefaultChunkRows, cancellationToken, (first, n, rows, weights) =>
        {
            if (labels is not null)
            {
                PartitionLabels.Read(partition, first, n, k, labels);
            }

            for (var r = 0; r < n; r++)
            {
                var x = rows.AsSpan(r * d, d);
                var w = weights[r];
                var lse = GaussianDensity.WeightedLogProbabilities(parameters, x, logp);
                if (labels is not null && labels[r] >= 0)
                {
                    PartitionLabels.Mask(labels.AsSpan(r, 1), logp, k); // semi-supervised: clamp to the label
                    lse = GaussianDensity.LogSumExp(logp);
                }

                logLikelihood += w * lse;
                weight += w;
                if (w != 0)
                {
                    AddRow(stats, shifts, x, w, logp, lse, diff);
                }
            }
        });

        return new GaussianMixtureStatistics(
            type, k, d, stats.N, stats.S1, stats.S2, logLikelihood, weight, partition.RowCount);
    }

    /// <summary>
    /// Adds one row x of weight w: responsibilities ρ_k = w·exp(log p_k − lse) into N, S1 and S2 about the shifts
    /// c_k (<c>[K × D]</c>); tied adds w (x − c)(x − c)ᵀ once.
    /// </summary>
    private static void AddRow(
        GaussianMixtureStatistics stats, double[] shifts, ReadOnlySpan<double> x, double w,
        ReadOnlySpan<double> logp, double lse, double[] diff)
    {
        int k = stats.Components, d = stats.Features;
        var type = stats.CovarianceType;
        for (var c = 0; c < k; c++)
        {
            var rho = w * Math.Exp(logp[c] - lse);
            stats.N[c] += rho;
            for (var j = 0; j < d; j++)
            {
                diff[j] = x[j] - shifts[(c * d) + j];
                stats.S1[(c * d) + j] += rho * diff[j];
            }

            AddSecondMoment(stats, type, c, rho, diff);
        }

        if (type == CovarianceType.Tied)
        {
            for (var j = 0; j < d; j++)
            {
                diff[j] = x[j] - shifts[j];
            }

            OuterProduct.AddScaled(stats.S2.AsSpan(), w, diff);
        }
    }

    private static void AddSecondMoment(
        GaussianMixtureStatistics stats, CovarianceType type, int c, double rho, ReadOnlySpan<double> diff)
    {
        var d = diff.Length;
        switch (type)
        {
            case CovarianceType.Full:
                OuterProduct.AddScaled(stats.S2.AsSpan(c * d * d, d * d), rho, diff);
                break;
            case CovarianceType.Diag:
            case CovarianceType.Spherical:
                for (var j = 0; j < d; j++)
                {
                    stats.S2[(c * d) + j] += rho * diff[j] * diff[j];
                }

                break;
            case CovarianceType.Tied:
                break; // one shared scatter, added once per row by the caller
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
    }
}
