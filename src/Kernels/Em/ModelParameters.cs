namespace AiMass.Kernels.Em;

/// <summary>Immutable parameters of one model family (mixture, HMM); the input of an E-step.</summary>
public abstract class ModelParameters
{
    /// <summary>Number of features per observation (D).</summary>
    public abstract int Features { get; }

    /// <summary>Number of free scalar parameters, for BIC and AIC.</summary>
    public abstract long FreeParameterCount { get; }
}
