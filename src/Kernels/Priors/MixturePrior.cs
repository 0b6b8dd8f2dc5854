using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Priors;

/// <summary>
/// A Gaussian-mixture prior: a Dirichlet on the weights with concentrations α·w0_k + 1 (posterior mode
/// w_k = (n_k + α·w0_k)/(N + α); α = 0 leaves the weights at maximum likelihood), and a
/// <see cref="GaussianPrior"/> on the components.
/// </summary>
/// <param name="WeightStrength">α ≥ 0: pseudo-observations of the prior weights in total.</param>
/// <param name="Weights">w0, <c>[K]</c>, summing to 1.</param>
/// <param name="Components">The prior of the means and covariances.</param>
/// <param name="Description">One line for the model file and the log, e.g. "weak" or "model ubm.json, τ=16".</param>
public sealed record MixturePrior(double WeightStrength, double[] Weights, GaussianPrior Components, string Description)
{
    /// <summary>mclust's default shrinkage of the means towards the data mean (priorControl's <c>shrinkage</c>).
    /// </summary>
    public const double WeakShrinkage = 0.01;

    /// <summary>
    /// The prior centred on a saved model, with τ pseudo-observations: α = κ = λ = τ, w0, μ0 and Σ0 the model's
    /// (MAP adaptation of a fitted model, as in GMM-UBM speaker adaptation).
    /// </summary>
    public static MixturePrior FromModel(GaussianMixtureParameters model, double strength, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        var gaussian = new GaussianPrior(
            model.CovarianceType, model.Components, model.Features, strength, strength, [.. model.Means],
            [.. model.Covariances]);
        gaussian.Validate();
        return new MixturePrior(strength, [.. model.Weights], gaussian, $"model {name}, strength {strength:R}");
    }

    /// <summary>
    /// A weak data-driven prior in the spirit of mclust's <c>priorControl()</c>: every μ0_k is the data mean,
    /// κ = 0.01, λ = D + 2 (mclust's default degrees of freedom), Σ0 the data covariance divided by K^(2/D)
    /// (diag: its diagonal; spherical: the mean of the diagonal), and no prior on the weights (α = 0).
    /// </summary>
    /// <param name="type">Covariance shape.</param>
    /// <param name="components">K.</param>
    /// <param name="mean">The data mean, <c>[D]</c>.</param>
    /// <param name="covariance">The data covariance, <c>[D × D]</c>.</param>
    public static MixturePrior Weak(CovarianceType type, int components, double[] mean, double[] covariance)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(covariance);
        var d = mean.Length;
        var scale = Math.Pow(components, 2.0 / d);
        var means = new double[components * d];
        for (var k = 0; k < components; k++)
        {
            mean.CopyTo(means, k * d);
        }

        var covariances = new double[type.CovarianceLength(components, d)];
        for (var i = 0; i < covariances.Length; i++)
        {
            covariances[i] = type switch
            {
                CovarianceType.Full => covariance[i % (d * d)] / scale,
                CovarianceType.Tied => covariance[i] / scale,
                CovarianceType.Diag => covariance[(i % d) * (d + 1)] / scale,
                _ => MeanDiagonal(covariance, d) / scale,
            };
        }

        var weights = new double[components];
        Array.Fill(weights, 1.0 / components);
        var gaussian = new GaussianPrior(type, components, d, WeakShrinkage, d + 2, means, covariances);
        gaussian.Validate();
        return new MixturePrior(0, weights, gaussian, "weak");
    }

    /// <summary>Throws <see cref="InvalidInputException"/> for a prior that does not fit K components.</summary>
    public void Validate(CovarianceType type, int components, int features)
    {
        Components.Validate();
        if (Components.Type != type || Components.Components != components || Components.Features != features
            || Weights.Length != components)
        {
            throw new InvalidInputException(
                $"The prior ({Description}) has K={Components.Components}, D={Components.Features}, " +
                $"{Components.Type.Name()} covariances; the fit has K={components}, D={features}, {type.Name()}.");
        }

        if (!(WeightStrength >= 0) || !double.IsFinite(WeightStrength))
        {
            throw new InvalidInputException($"The prior's weight strength {WeightStrength} must be finite and ≥ 0.");
        }
    }

    private static double MeanDiagonal(double[] covariance, int d)
    {
        var sum = 0.0;
        for (var j = 0; j < d; j++)
        {
            sum += covariance[j * (d + 1)];
        }

        return sum / d;
    }
}
