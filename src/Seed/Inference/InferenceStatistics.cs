using AiMass.Kernels.Em;

namespace AiMass.Seed.Inference;

/// <summary>What partitions report after writing their parts: rows read, output values written (rows, or sequences
/// for an HMM score), and the partitions' log-likelihood (0 where the task computes none). Added like statistics.
/// </summary>
public sealed class InferenceStatistics(long rows, long outputs, double logLikelihood, int parts) : SufficientStatistics
{
    /// <inheritdoc />
    public override double LogLikelihood { get; } = logLikelihood;

    /// <inheritdoc />
    public override double Weight => Rows;

    /// <inheritdoc />
    public override long Rows { get; } = rows;

    /// <summary>Output entries written (rows, or sequences).</summary>
    public long Outputs { get; } = outputs;

    /// <summary>Parts written.</summary>
    public int Parts { get; } = parts;

    /// <inheritdoc />
    public override StatisticsLayout Layout => InferenceStatisticsLayout.Instance;

    /// <inheritdoc />
    public override SufficientStatistics Add(SufficientStatistics other) => other is InferenceStatistics o
        ? new InferenceStatistics(Rows + o.Rows, Outputs + o.Outputs, LogLikelihood + o.LogLikelihood, Parts + o.Parts)
        : throw new ArgumentException("Only inference statistics can be added.", nameof(other));
}
