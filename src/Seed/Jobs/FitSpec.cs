using System.Text.Json.Serialization;

namespace AiMass.Seed.Jobs;

/// <summary>
/// Everything a fit needs, as the user gave it: the same record drives <c>aimass fit</c> (local) and a job
/// submitted to the cluster, so both fit the same model. Data travel by reference (a path every node can read);
/// an <c>--init</c> model travels by value.
/// </summary>
public sealed partial record FitSpec
{
    /// <summary>Model family: <c>gmm</c> or <c>hmm</c>.</summary>
    [JsonPropertyName("model")]
    public string Model { get; init; } = "gmm";

    /// <summary>Path of the dataset (.npy, .csv or .parquet), readable from every node.</summary>
    [JsonPropertyName("data")]
    public string Data { get; init; } = "";

    /// <summary>Optional path of per-row sample weights.</summary>
    [JsonPropertyName("sample_weight")]
    public string? SampleWeight { get; init; }

    /// <summary>Optional path of HMM sequence lengths (one integer per line, or .npy).</summary>
    [JsonPropertyName("lengths")]
    public string? Lengths { get; init; }

    /// <summary>Mixture components (<c>--k</c>) or HMM states (<c>--states</c>); 0 takes the init model's.</summary>
    [JsonPropertyName("components")]
    public int Components { get; init; }

    /// <summary>Covariance type: full, diag, spherical or tied (HMM: full or diag); null means full, or the
    /// init model's type when one is given.</summary>
    [JsonPropertyName("covariance_type")]
    public string? CovarianceType { get; init; }

    /// <summary>HMM emission: gaussian or categorical.</summary>
    [JsonPropertyName("emission")]
    public string Emission { get; init; } = "gaussian";

    /// <summary>The <c>--init</c> model file's JSON text, or null to initialise from the data.</summary>
    [JsonPropertyName("init_model")]
    public string? InitModel { get; init; }

    /// <summary>Where <see cref="InitModel"/> came from, for error messages.</summary>
    [JsonPropertyName("init_model_name")]
    public string? InitModelName { get; init; }

    /// <summary>Initialisation method when no init model is given: kmeans++ or random-from-data.</summary>
    [JsonPropertyName("init_method")]
    public string InitMethod { get; init; } = "kmeans++";

    /// <summary>Number of initialisations; the best lower bound wins (scikit-learn <c>n_init</c>).</summary>
    [JsonPropertyName("n_init")]
    public int NInit { get; init; } = 1;

    /// <summary>Most EM iterations per initialisation.</summary>
    [JsonPropertyName("max_iter")]
    public int MaxIter { get; init; } = 100;

    /// <summary>Convergence threshold on the change of the mean per-sample log-likelihood.</summary>
    [JsonPropertyName("tol")]
    public double Tol { get; init; } = 1e-3;

    /// <summary>E-step arithmetic: auto (default; float32, then float64 near convergence), single or double.
    /// </summary>
    [JsonPropertyName("precision")]
    public string Precision { get; init; } = "auto";

    /// <summary>Non-negative regularisation added to covariance diagonals.</summary>
    [JsonPropertyName("reg_covar")]
    public double RegCovar { get; init; } = 1e-6;

    /// <summary>Seed of initialisation and sampling.</summary>
    [JsonPropertyName("seed")]
    public int Seed { get; init; }

    /// <summary>Number of partitions, or null for the default (1 locally, 4 per worker on a cluster).</summary>
    [JsonPropertyName("partitions")]
    public int? Partitions { get; init; }

    /// <summary>HMM MAP-EM priors (hmmlearn meanings); null means no prior.</summary>
    [JsonPropertyName("priors")]
    public HmmPriorSpec? Priors { get; init; }
}
