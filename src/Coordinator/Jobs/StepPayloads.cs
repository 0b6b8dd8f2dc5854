using AiMass.Kernels.Candidates;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Hosting;
using AiMass.Seed.Serialization;
using AiMass.Seed.Transfers;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// The sizes of a step's payloads, checked before anything is sent, so a job whose parameters or summed statistics
/// could never be sent fails at once (exit code 2) with the size and the setting, instead of hanging.
/// </summary>
public static class StepPayloads
{
    /// <summary>The statistics layout of a model's E-step: a candidate set's covers every member it evaluates (all
    /// candidates' initialisations at the first step), an inference step's is its fixed report.</summary>
    public static StatisticsLayout LayoutOf(ModelParameters parameters) => parameters switch
    {
        GaussianMixtureParameters g => new GaussianMixtureStatisticsLayout(g.CovarianceType, g.Components, g.Features),
        HmmParameters h => new HmmStatisticsLayout(h.Emission, h.States, h.Features, h.Symbols),
        CandidateSet set => new CandidateSetStatisticsLayout(set.Members.Select(LayoutOf).ToArray()),
        Seed.Inference.InferenceRequest => Seed.Inference.InferenceStatisticsLayout.Instance,
        _ => throw new NotSupportedException($"No statistics layout for {parameters?.GetType().Name}."),
    };

    /// <summary>
    /// Null when <paramref name="parametersBytes"/> and the largest possible answer (every partition's statistics
    /// summed) fit <see cref="NodeSettings.MaxPayloadBytes"/>; else the message for the user.
    /// </summary>
    public static string? TooLarge(
        ModelParameters parameters, long parametersBytes, int partitions, NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var limit = settings.MaxPayloadBytes;
        var statistics = StatisticsSumCodec.MaxBytes(LayoutOf(parameters), partitions);
        var (what, size) = parametersBytes > limit ? ("parameters", parametersBytes)
            : statistics > limit ? ("summed statistics", statistics)
            : ("", 0L);
        var remedy = parameters is CandidateSet
            ? "select among fewer or smaller candidates (--k, --covariance, --n-init)"
            : "make the model smaller (--k, --covariance)";
        return size == 0
            ? null
            : $"The {what} of this {(parameters is CandidateSet ? "model selection" : "model")} take " +
              $"{ChunkReceiver.Megabytes(size)} between nodes, above MaxPayloadBytes " +
              $"({ChunkReceiver.Megabytes(limit)}); raise AiMass__MaxPayloadBytes on every node, or {remedy}.";
    }
}
