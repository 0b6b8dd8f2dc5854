namespace AiMass.Kernels.Em;

/// <summary>A model family's M-step: new parameters from the total statistics only (pure).</summary>
public interface IEmModel
{
    /// <summary>The maximisation step: the parameters that maximise the expected complete-data likelihood.</summary>
    /// <param name="total">Statistics of the whole dataset under <paramref name="previous"/>.</param>
    /// <param name="previous">The parameters the statistics were computed with.</param>
    ModelParameters MStep(SufficientStatistics total, ModelParameters previous);

    /// <summary>
    /// log p(θ) of a MAP-EM prior up to an additive constant; 0 (the default) for maximum likelihood. The lower bound
    /// EM reports is (Σ wᵢ log p(xᵢ | θ) + log p(θ))/Σ wᵢ: the mean log-likelihood, or with a prior the mean log
    /// posterior, which MAP-EM never lowers.
    /// </summary>
    double LogPrior(ModelParameters parameters) => 0;

    /// <summary>One line naming the prior for the model file; null for maximum likelihood (the default).</summary>
    string? PriorDescription => null;
}
