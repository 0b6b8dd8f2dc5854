using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// One iteration's Gaussian-mixture parameters as the kernels read them: float32, in the partition's centred
/// frame (subtracting the partition mean m_p in float64 before rounding), padded to D_p = ⌈D/4⌉·4 columns.
/// </summary>
/// <remarks>
/// The per-component constant is C_k = log π_k + log det U_k − ½ D log 2π; the kernels get C_k − C_max so the
/// float32 log-probabilities stay small (their rounding error scales with their size), and the host adds
/// C_max · Σw back to the log-likelihood in float64. Statistics are frame-independent: x − c_k = x̃ − c̃_k.
/// </remarks>
internal sealed class CentredParameters
{
    private CentredParameters(CovarianceType type, int components, int features)
    {
        Type = type;
        Components = components;
        Features = features;
        PaddedFeatures = (features + 3) / 4 * 4;
        Means = new float[components * PaddedFeatures];
        Shifts = new float[components * PaddedFeatures];
        Constants = new float[components];
        PrecisionStride = type switch
        {
            CovarianceType.Full => PaddedFeatures * PaddedFeatures,
            CovarianceType.Tied => 0,
            _ => PaddedFeatures,
        };
        Precision = new float[type == CovarianceType.Tied ? PrecisionStrideOfFull : components * PrecisionStride];
    }

    /// <summary>D_p², the size of one padded precision factor.</summary>
    private int PrecisionStrideOfFull => PaddedFeatures * PaddedFeatures;

    /// <summary>Covariance type.</summary>
    public CovarianceType Type { get; }

    /// <summary>K.</summary>
    public int Components { get; }

    /// <summary>D.</summary>
    public int Features { get; }

    /// <summary>D_p.</summary>
    public int PaddedFeatures { get; }

    /// <summary>μ_k − m_p, <c>[K × D_p]</c>.</summary>
    public float[] Means { get; }

    /// <summary>c_k − m_p (c from <see cref="GaussianMixtureStatistics.Shifts"/>), <c>[K × D_p]</c>.</summary>
    public float[] Shifts { get; }

    /// <summary>U_k (full, tied) or 1/σ per feature (diag, spherical), padded with zeros.</summary>
    public float[] Precision { get; }

    /// <summary>Elements between two components in <see cref="Precision"/>.</summary>
    public int PrecisionStride { get; }

    /// <summary>C_k − C_max, <c>[K]</c> (−∞ for a component of weight 0).</summary>
    public float[] Constants { get; }

    /// <summary>C_max, added back on the host.</summary>
    public double ConstantShift { get; private set; }

    /// <summary>Converts <paramref name="parameters"/> into the frame centred at <paramref name="centre"/>, <c>[D]</c>.
    /// </summary>
    public static CentredParameters Create(GaussianMixtureParameters parameters, ReadOnlySpan<double> centre)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int k = parameters.Components, d = parameters.Features;
        var result = new CentredParameters(parameters.CovarianceType, k, d);
        var shifts = GaussianMixtureStatistics.Shifts(parameters);
        var dp = result.PaddedFeatures;
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < d; j++)
            {
                result.Means[(c * dp) + j] = (float)(parameters.Means[(c * d) + j] - centre[j]);
                result.Shifts[(c * dp) + j] = (float)(shifts[(c * d) + j] - centre[j]);
            }
        }

        result.FillPrecision(parameters);
        result.FillConstants(parameters);
        return result;
    }

    private void FillPrecision(GaussianMixtureParameters parameters)
    {
        int k = Components, d = Features, dp = PaddedFeatures;
        var u = parameters.PrecisionCholesky;
        var blocks = Type switch { CovarianceType.Full => k, CovarianceType.Tied => 1, _ => 0 };
        for (var b = 0; b < blocks; b++)
        {
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < d; j++)
                {
                    Precision[(b * dp * dp) + (i * dp) + j] = (float)u[(b * d * d) + (i * d) + j];
                }
            }
        }

        if (Type is CovarianceType.Diag or CovarianceType.Spherical)
        {
            for (var c = 0; c < k; c++)
            {
                for (var j = 0; j < d; j++)
                {
                    Precision[(c * dp) + j] = (float)(Type == CovarianceType.Diag ? u[(c * d) + j] : u[c]);
                }
            }
        }
    }

    private void FillConstants(GaussianMixtureParameters parameters)
    {
        var constants = new double[Components];
        var max = double.NegativeInfinity;
        for (var c = 0; c < Components; c++)
        {
            constants[c] = Math.Log(parameters.Weights[c]) + parameters.LogDetPrecisionCholesky[c]
                - (0.5 * Features * GaussianDensity.Log2Pi);
            max = Math.Max(max, constants[c]);
        }

        ConstantShift = max;
        for (var c = 0; c < Components; c++)
        {
            Constants[c] = (float)(constants[c] - max);
        }
    }
}
