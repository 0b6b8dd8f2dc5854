using AiMass.Kernels.Data;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Candidates;

/// <summary>
/// The classification log-likelihood term of mclust's ICL, Σ wᵢ log max_k r_ik (r: responsibilities under the
/// model), in float64 row by row: the reference, and what backends without a fused pass use.
/// </summary>
public static class ClassificationLikelihood
{
    /// <summary>Σ wᵢ log max_k r_ik over <paramref name="partition"/> under <paramref name="parameters"/>.</summary>
    public static double Compute(
        DataPartition partition, GaussianMixtureParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(parameters);
        var d = parameters.Features;
        var logp = new double[parameters.Components];
        var sum = 0.0;
        RowChunks.ForEach(partition, RowChunks.DefaultChunkRows, cancellationToken, (_, n, rows, weights) =>
        {
            for (var r = 0; r < n; r++)
            {
                if (weights[r] == 0)
                {
                    continue;
                }

                var lse = GaussianDensity.WeightedLogProbabilities(parameters, rows.AsSpan(r * d, d), logp);
                sum += weights[r] * (logp.Max() - lse);
            }
        });
        return sum;
    }
}
