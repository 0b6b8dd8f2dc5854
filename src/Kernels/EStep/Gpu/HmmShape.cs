using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// Sizes of an HMM E-step on the device (a value type the kernels receive): S, D, M, the tile rows R, the
/// lengths of the emission statistics, D·log 2π, and the layout of one group's partials
/// <c>Start [S] | Z [S × S] | Posterior [S] | S1 | S2 | Counts | LL [1]</c>.
/// </summary>
internal readonly struct HmmShape(
    int states, int features, int symbols, int tileRows, int firstMomentLength, int secondMomentLength,
    int countsLength)
{
    /// <summary>States (S).</summary>
    public readonly int States = states;

    /// <summary>Columns per row (D; 1 for categorical).</summary>
    public readonly int Features = features;

    /// <summary>Symbols (M; 0 for Gaussian emissions).</summary>
    public readonly int Symbols = symbols;

    /// <summary>Rows per tile (R).</summary>
    public readonly int TileRows = tileRows;

    /// <summary>Length of S1: S·D (Gaussian) or 0.</summary>
    public readonly int FirstMomentLength = firstMomentLength;

    /// <summary>Length of S2: S·D·D (full), S·D (diag) or 0.</summary>
    public readonly int SecondMomentLength = secondMomentLength;

    /// <summary>Length of the symbol counts: S·M (categorical) or 0.</summary>
    public readonly int CountsLength = countsLength;

    /// <summary>D·log 2π, the constant of the Gaussian log-density.</summary>
    public double FeatureLog2Pi => Features * GaussianDensity.Log2Pi;

    /// <summary>Partials offset of Z = Σ_t α̂_t w_tᵀ.</summary>
    public int PairOffset => States;

    /// <summary>Partials offset of the posterior sums.</summary>
    public int PosteriorOffset => States + (States * States);

    /// <summary>Partials offset of S1.</summary>
    public int FirstMomentOffset => PosteriorOffset + States;

    /// <summary>Partials offset of S2.</summary>
    public int SecondMomentOffset => FirstMomentOffset + FirstMomentLength;

    /// <summary>Partials offset of the symbol counts.</summary>
    public int CountsOffset => SecondMomentOffset + SecondMomentLength;

    /// <summary>Partials offset of the log-likelihood.</summary>
    public int LikelihoodOffset => CountsOffset + CountsLength;

    /// <summary>Length L of one group's partials.</summary>
    public int PartialLength => LikelihoodOffset + 1;

    /// <summary>The shape of <paramref name="emission"/> with S, D, M and R.</summary>
    public static HmmShape Create(HmmEmission emission, int states, int features, int symbols, int tileRows) =>
        emission switch
        {
            HmmEmission.GaussianFull => new(
                states, features, 0, tileRows, states * features, states * features * features, 0),
            HmmEmission.GaussianDiag => new(
                states, features, 0, tileRows, states * features, states * features, 0),
            _ => new(states, 1, symbols, tileRows, 0, 0, states * symbols),
        };

    /// <summary>L as a long, for checking before any int arithmetic overflows.</summary>
    public static long PartialLengthOf(HmmEmission emission, long states, long features, long symbols)
    {
        var emissionLength = emission switch
        {
            HmmEmission.GaussianFull => (states * features) + (states * features * features),
            HmmEmission.GaussianDiag => 2 * states * features,
            _ => states * symbols,
        };
        return (2 * states) + (states * states) + emissionLength + 1;
    }
}
