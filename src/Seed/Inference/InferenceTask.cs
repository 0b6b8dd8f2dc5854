using AiMass.Kernels;

namespace AiMass.Seed.Inference;

/// <summary>What an inference job computes per row (or per sequence), as the local commands do.</summary>
public enum InferenceTask
{
    /// <summary>Mixture labels, int32 per row (<c>aimass predict</c>).</summary>
    Predict,

    /// <summary>Mixture responsibilities, float64 <c>[rows × K]</c> (<c>aimass predict --proba</c>).</summary>
    PredictProba,

    /// <summary>Log-likelihoods: float64 per row (mixture) or per sequence (HMM) (<c>aimass score</c>).</summary>
    Score,

    /// <summary>The Viterbi path, int32 per row (<c>aimass decode</c>).</summary>
    DecodeViterbi,

    /// <summary>Posterior decoding, int32 per row (<c>aimass decode --algorithm map</c>).</summary>
    DecodeMap,
}

/// <summary>Names of <see cref="InferenceTask"/> and what their outputs are.</summary>
public static class InferenceTasks
{
    /// <summary>The task of an inference job's kind and options; throws naming the bad value.</summary>
    public static InferenceTask Parse(string kind, bool proba, string? algorithm) => kind switch
    {
        "predict" => proba ? InferenceTask.PredictProba : InferenceTask.Predict,
        "score" => InferenceTask.Score,
        "decode" => algorithm?.Trim().ToLowerInvariant() switch
        {
            null or "viterbi" => InferenceTask.DecodeViterbi,
            "map" => InferenceTask.DecodeMap,
            _ => throw new InvalidInputException(
                $"--algorithm {Kernels.Input.Excerpt.Of(algorithm)}: use viterbi or map."),
        },
        _ => throw new InvalidInputException($"Unknown inference kind {Kernels.Input.Excerpt.Of(kind)}."),
    };

    /// <summary>True for int32 outputs (labels, states).</summary>
    public static bool IsInteger(this InferenceTask task) =>
        task is InferenceTask.Predict or InferenceTask.DecodeViterbi or InferenceTask.DecodeMap;

    /// <summary>The job-kind name (predict, score, decode).</summary>
    public static string Kind(this InferenceTask task) => task switch
    {
        InferenceTask.Predict or InferenceTask.PredictProba => "predict",
        InferenceTask.Score => "score",
        _ => "decode",
    };
}
