using System.Collections.Immutable;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// K Gaussians as the CPU kernels consume them, whichever model they come from: a mixture's components (with
/// log π_k) or an HMM's state emissions (log weights 0: a state's density carries no weight of its own).
/// </summary>
/// <param name="Type">Covariance shape.</param>
/// <param name="Features">D.</param>
/// <param name="LogWeights">log π_k, <c>[K]</c> (zeros for HMM states).</param>
/// <param name="Means">μ_k, <c>[K × D]</c>.</param>
/// <param name="Shifts">The statistics' shifts c_k (<see cref="GaussianMixtureStatistics.Shifts"/>), <c>[K × D]</c>.
/// </param>
/// <param name="PrecisionCholesky">U_k in the covariances' layout (1/σ for diag and spherical).</param>
/// <param name="LogDetPrecisionCholesky">Σ log diag U_k, <c>[K]</c>.</param>
internal sealed record GaussianComponents(
    CovarianceType Type,
    int Features,
    double[] LogWeights,
    ImmutableArray<double> Means,
    double[] Shifts,
    ImmutableArray<double> PrecisionCholesky,
    ImmutableArray<double> LogDetPrecisionCholesky)
{
    /// <summary>K.</summary>
    public int Components => LogWeights.Length;

    /// <summary>The components of a Gaussian mixture.</summary>
    public static GaussianComponents Of(GaussianMixtureParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var logWeights = new double[parameters.Components];
        for (var c = 0; c < logWeights.Length; c++)
        {
            logWeights[c] = Math.Log(parameters.Weights[c]);
        }

        return new GaussianComponents(
            parameters.CovarianceType, parameters.Features, logWeights, parameters.Means,
            GaussianMixtureStatistics.Shifts(parameters), parameters.PrecisionCholesky,
            parameters.LogDetPrecisionCholesky);
    }
}
