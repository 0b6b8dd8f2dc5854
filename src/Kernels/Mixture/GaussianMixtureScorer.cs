using AiMass.Kernels.Data;

namespace AiMass.Kernels.Mixture;

/// <summary>
/// Per-row quantities of a fitted mixture, streamed in chunks (never N×K in memory): log p(x) (scikit-learn
/// <c>score_samples</c>), responsibilities (<c>predict_proba</c>) and labels (<c>predict</c>).
/// </summary>
public static class GaussianMixtureScorer
{
    /// <summary>
    /// Calls <paramref name="visit"/> for each chunk with (first row, rows in chunk, log p(x) <c>[n]</c>,
    /// responsibilities <c>[n × K]</c>, labels <c>[n]</c>). The buffers are reused between calls.
    /// </summary>
    public static void ForEachChunk(
        IRowSource rows, GaussianMixtureParameters parameters, CancellationToken cancellationToken,
        Action<long, int, double[], double[], int[]> visit)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(visit);
        CheckFeatures(rows, parameters);
        var k = parameters.Components;
        var d = parameters.Features;
        var logLikelihoods = new double[RowChunks.DefaultChunkRows];
        var responsibilities = new double[RowChunks.DefaultChunkRows * k];
        var labels = new int[RowChunks.DefaultChunkRows];
        RowChunks.ForEach(new DataPartition(0, rows), RowChunks.DefaultChunkRows, cancellationToken, (first, n, x, _) =>
        {
            var blocks = (n + ScoringDensity.BlockRows - 1) / ScoringDensity.BlockRows;
            Parallel.For(0, blocks, b =>
            {
                var start = b * ScoringDensity.BlockRows;
                var count = Math.Min(ScoringDensity.BlockRows, n - start);
                ScoringDensity.WeightedLogProbabilities(
                    parameters, x, start, count, responsibilities, logLikelihoods);
                for (var r = start; r < start + count; r++)
                {
                    labels[r] = Normalise(responsibilities.AsSpan(r * k, k), logLikelihoods[r]);
                }
            });
            visit(first, n, logLikelihoods, responsibilities, labels);
        });
    }

    /// <summary>Turns log π_k N_k into responsibilities in place; returns the most probable component.</summary>
    private static int Normalise(Span<double> logp, double lse)
    {
        var best = 0;
        for (var c = 0; c < logp.Length; c++)
        {
            logp[c] = Math.Exp(logp[c] - lse);
            if (logp[c] > logp[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>Throws naming both when the data's columns differ from the model's features.</summary>
    public static void CheckFeatures(IRowSource rows, GaussianMixtureParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(parameters);
        if (rows.Features != parameters.Features)
        {
            throw new InvalidInputException(
                $"The model has {parameters.Features} features but {rows.Name} has {rows.Features} columns.");
        }
    }
}
