using AiMass.Kernels.Hmm;
using AiMass.Seed.Data;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>aimass score</c> for an HMM: log p of every sequence (hmmlearn <c>score</c> per sequence; their sum is
/// hmmlearn's <c>score(X, lengths)</c>), a one-line summary, and with --output one value per sequence.
/// </summary>
public static class HmmScoring
{
    /// <summary>
    /// Scores <paramref name="data"/> (cut by <paramref name="lengths"/>) under <paramref name="model"/>.
    /// </summary>
    public static int Run(HmmParameters model, string data, string? lengths, string? output, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (scores, rows) = HmmDataset.Use(
            data, lengths, partition => (HmmScorer.Score(partition, model, context.Cancellation), partition.RowCount));
        if (output is not null)
        {
            ArrayFileWriter.Write(output, scores);
        }

        var total = scores.Sum();
        context.Out.WriteLine(
            $"log-likelihood {total:R} over {scores.Length} sequence(s) ({rows} rows): per sequence mean " +
            $"{total / scores.Length:R}, min {scores.Min():R}, max {scores.Max():R}; per row {total / rows:R}");
        return ExitCodes.Success;
    }
}
