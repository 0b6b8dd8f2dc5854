using System.Text.Json.Serialization;

namespace AiMass.Seed.Jobs;

/// <summary>The MAP priors, HMM constraints, partial labels and model selection of a <see cref="FitSpec"/>.</summary>
public sealed partial record FitSpec
{
    /// <summary>Job kind: <c>fit</c> (the default, null), <c>select</c> (many candidates in one pass), or the inference
    /// kinds <c>predict</c>, <c>score</c> and <c>decode</c> (the model to apply in <see cref="InitModel"/>).</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    /// <summary>A data-driven prior by name: <c>weak</c> (mixtures); null for none.</summary>
    [JsonPropertyName("prior")]
    public string? Prior { get; init; }

    /// <summary>A saved model file's JSON text as the MAP prior (by value, as <see cref="InitModel"/>); null for none.
    /// </summary>
    [JsonPropertyName("prior_model")]
    public string? PriorModel { get; init; }

    /// <summary>Where <see cref="PriorModel"/> came from, for messages and the model file.</summary>
    [JsonPropertyName("prior_model_name")]
    public string? PriorModelName { get; init; }

    /// <summary>τ: pseudo-observations of <see cref="PriorModel"/> per component (0: maximum likelihood).</summary>
    [JsonPropertyName("prior_strength")]
    public double PriorStrength { get; init; } = 16;

    /// <summary>HMM topology of the initial model: null (ergodic) or <c>left-right</c>.</summary>
    [JsonPropertyName("topology")]
    public string? Topology { get; init; }

    /// <summary>HMM parameters the M-step updates, hmmlearn's letters (s, t, m, c, e); null for all.</summary>
    [JsonPropertyName("params")]
    public string? Params { get; init; }

    /// <summary>HMM parameters initialised from the data, hmmlearn's letters; null: all without --init, none with it.
    /// </summary>
    [JsonPropertyName("init_params")]
    public string? InitParams { get; init; }

    /// <summary>Optional path of partial labels: one integer per row, the row's state or component, −1 unknown.
    /// </summary>
    [JsonPropertyName("labels")]
    public string? Labels { get; init; }

    /// <summary>Model selection (<see cref="Kind"/> select): the candidates' components, e.g. [2, 3, …, 16].</summary>
    [JsonPropertyName("select_k")]
    public IReadOnlyList<int>? SelectK { get; init; }

    /// <summary>Model selection: the candidates' covariance types, e.g. ["full", "diag"].</summary>
    [JsonPropertyName("select_covariance")]
    public IReadOnlyList<string>? SelectCovariance { get; init; }

    /// <summary>Model selection: bic (default), aic or icl, lower is better.</summary>
    [JsonPropertyName("criterion")]
    public string? Criterion { get; init; }

    /// <summary>Inference (<see cref="Kind"/> predict): write responsibilities <c>[rows × K]</c> instead of labels.
    /// </summary>
    [JsonPropertyName("proba")]
    public bool Proba { get; init; }

    /// <summary>Inference (<see cref="Kind"/> decode): viterbi (default) or map.</summary>
    [JsonPropertyName("algorithm")]
    public string? Algorithm { get; init; }

    /// <summary>Inference: one output file (.npy or .csv) the coordinator assembles from the partitions' parts.
    /// </summary>
    [JsonPropertyName("output")]
    public string? Output { get; init; }

    /// <summary>Inference: a folder every node can write, for one .npy per partition and a manifest.json.</summary>
    [JsonPropertyName("output_dir")]
    public string? OutputDir { get; init; }
}
