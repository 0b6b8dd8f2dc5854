using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;

namespace AiMass.Bench.Scale;

/// <summary>
/// An E-step that returns, at once, statistics of the real size for the model it is asked about (K components, D
/// features, its covariance type), made up per partition from a seeded generator: so a scale run measures the
/// messages, the sums and the coordinator, not the math. The values are a valid E-step's shape (positive counts,
/// positive definite second moments around the shifts), so the M-step yields valid parameters.
/// </summary>
public sealed class SyntheticStatisticsBackend : IEStepBackend
{
    /// <inheritdoc />
    public string Name => "synthetic";

    /// <inheritdoc />
    public IPartitionEStep Bind(DataPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return new Synthetic(partition.Index, partition.RowCount);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Synthetic(int index, long rows) : IPartitionEStep
    {
        private GaussianMixtureStatistics? _made;

        public string Device => "synthetic";

        public SufficientStatistics Compute(
            ModelParameters parameters, EStepPrecision? precision, CancellationToken cancellationToken)
        {
            var p = (GaussianMixtureParameters)parameters;
            if (_made is { } made && made.Components == p.Components && made.Features == p.Features
                && made.CovarianceType == p.CovarianceType)
            {
                return made;
            }

            _made = Make(p.CovarianceType, p.Components, p.Features, index, Math.Max(rows, 1));
            return _made;
        }

        public void Dispose()
        {
        }
    }

    /// <summary>Statistics of <paramref name="rows"/> rows spread evenly over K components, unit covariances.</summary>
    public static GaussianMixtureStatistics Make(CovarianceType type, int k, int d, int seed, long rows)
    {
        var random = new Random(seed);
        var n = new double[k];
        var s1 = new double[k * d];
        var s2 = new double[GaussianMixtureStatistics.SecondMomentLength(type, k, d)];
        for (var c = 0; c < k; c++)
        {
            n[c] = (double)rows / k * (0.9 + (0.2 * random.NextDouble()));
            for (var j = 0; j < d; j++)
            {
                s1[(c * d) + j] = n[c] * 0.01 * (random.NextDouble() - 0.5);
            }
        }

        var blocks = type switch { CovarianceType.Full => k, CovarianceType.Tied => 1, _ => 0 };
        for (var b = 0; b < blocks; b++)
        {
            var weight = type == CovarianceType.Tied ? rows : n[b];
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    s2[(b * d * d) + (i * d) + j] = weight * (i == j ? 1.0 + (0.1 * random.NextDouble())
                        : 0.01 * (random.NextDouble() - 0.5));
                }
            }
        }

        for (var i = 0; blocks == 0 && i < s2.Length; i++)
        {
            s2[i] = n[i / d] * (1.0 + (0.1 * random.NextDouble()));
        }

        return new GaussianMixtureStatistics(type, k, d, n, s1, s2, -1.5 * d * rows, rows, rows);
    }
}
