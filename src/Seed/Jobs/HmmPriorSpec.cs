using System.Text.Json.Serialization;

namespace AiMass.Seed.Jobs;

/// <summary>HMM priors as hmmlearn names them; every default means "no prior".</summary>
public sealed record HmmPriorSpec
{
    /// <summary>Dirichlet concentration on the start probabilities (1 = none).</summary>
    [JsonPropertyName("startprob_prior")]
    public double StartProbPrior { get; init; } = 1;

    /// <summary>Dirichlet concentration on each transition row (1 = none).</summary>
    [JsonPropertyName("transmat_prior")]
    public double TransMatPrior { get; init; } = 1;

    /// <summary>Dirichlet concentration on each categorical emission row (1 = none).</summary>
    [JsonPropertyName("emissionprob_prior")]
    public double EmissionProbPrior { get; init; } = 1;

    /// <summary>Prior mean of the Gaussian means.</summary>
    [JsonPropertyName("means_prior")]
    public double MeansPrior { get; init; }

    /// <summary>Weight (pseudo-observations) of <see cref="MeansPrior"/> (0 = none).</summary>
    [JsonPropertyName("means_weight")]
    public double MeansWeight { get; init; }

    /// <summary>Prior scale of the covariances.</summary>
    [JsonPropertyName("covars_prior")]
    public double CovarsPrior { get; init; }

    /// <summary>Weight of <see cref="CovarsPrior"/> (0 = none).</summary>
    [JsonPropertyName("covars_weight")]
    public double CovarsWeight { get; init; }
}
