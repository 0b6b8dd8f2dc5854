namespace AiMass.Kernels.Em;

/// <summary>A model family's M-step: new parameters from the total statistics only (pure).</summary>
public interface IEmModel
{
    /// <summary>The maximisation step: the parameters that maximise the expected complete-data likelihood.</summary>
    /// <param name="total">Statistics of the whole dataset under <paramref name="previous"/>.</param>
    /// <param name="previous">The parameters the statistics were computed with.</param>
    ModelParameters MStep(SufficientStatistics total, ModelParameters previous);
}
