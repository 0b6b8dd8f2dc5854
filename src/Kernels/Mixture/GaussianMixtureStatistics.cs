using AiMass.Kernels.Em;

namespace AiMass.Kernels.Mixture;

/// <summary>
/// Additive E-step statistics of a Gaussian mixture, float64, <b>shifted</b> by the means of the parameters
/// they were computed under (c_k = μ_k of the previous iteration; one shared shift for tied, see below),
/// so the M-step never forms E[x²] − μ² from raw moments (catastrophic cancellation when |μ| ≫ σ).
/// </summary>
/// <remarks>
/// With responsibilities r_ik and sample weights w_i (ρ_ik = w_i r_ik):
/// <list type="bullet">
/// <item><c>N[k] = Σ_i ρ_ik</c>, <c>[K]</c></item>
/// <item><c>S1[k, :] = Σ_i ρ_ik (x_i − c_k)</c>, <c>[K × D]</c></item>
/// <item>S2 — full: <c>Σ_i ρ_ik (x_i − c_k)(x_i − c_k)ᵀ</c> <c>[K × D × D]</c>; diag and spherical:
/// <c>Σ_i ρ_ik (x_i − c_k)²</c> <c>[K × D]</c>; tied: <c>Σ_i w_i (x_i − c)(x_i − c)ᵀ</c> <c>[D × D]</c>
/// with c = c_k for every k (the weighted mean of the previous means).</item>
/// </list>
/// Every partition of one iteration uses the same shifts, so the statistics add exactly.
/// </remarks>
public sealed class GaussianMixtureStatistics : SufficientStatistics
{
    /// <summary>Wraps accumulated arrays; the instance owns them from here on.</summary>
    public GaussianMixtureStatistics(
        CovarianceType type, int components, int features, double[] n, double[] s1, double[] s2,
        double logLikelihood, double weight, long rows)
    {
        ArgumentNullException.ThrowIfNull(n);
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        if (n.Length != components || s1.Length != components * features
            || s2.Length != SecondMomentLength(type, components, features))
        {
            throw new ArgumentException($"Statistics arrays do not match K={components}, D={features}, {type.Name()}.");
        }

        MirrorLowerTriangle(type, components, features, s2);
        CovarianceType = type;
        Components = components;
        Features = features;
        N = n;
        S1 = s1;
        S2 = s2;
        LogLikelihood = logLikelihood;
        Weight = weight;
        Rows = rows;
    }

    /// <summary>Shape of the covariances being estimated.</summary>
    public CovarianceType CovarianceType { get; }

    /// <summary>Number of components (K).</summary>
    public int Components { get; }

    /// <summary>Number of features (D).</summary>
    public int Features { get; }

    /// <summary>Σ ρ_ik per component, <c>[K]</c>.</summary>
    public double[] N { get; }

    /// <summary>Σ ρ_ik (x_i − c_k), <c>[K × D]</c>.</summary>
    public double[] S1 { get; }

    /// <summary>Shifted second moments in the layout of <see cref="SecondMomentLength"/>.</summary>
    public double[] S2 { get; }

    /// <inheritdoc />
    public override double LogLikelihood { get; }

    /// <inheritdoc />
    public override double Weight { get; }

    /// <inheritdoc />
    public override long Rows { get; }

    /// <inheritdoc />
    public override StatisticsLayout Layout =>
        new GaussianMixtureStatisticsLayout(CovarianceType, Components, Features);

    /// <summary>Length of S2: full K·D·D, tied D·D, diag and spherical K·D.</summary>
    public static int SecondMomentLength(CovarianceType type, int components, int features) => type switch
    {
        CovarianceType.Full => components * features * features,
        CovarianceType.Tied => features * features,
        _ => components * features,
    };

    /// <summary>
    /// Full and tied second moments are symmetric; the lower triangle is authoritative and copied to the upper one,
    /// so statistics sent as a triangle over the network equal the local ones bit for bit.
    /// </summary>
    private static void MirrorLowerTriangle(CovarianceType type, int k, int d, double[] s2)
    {
        if (type is not (CovarianceType.Full or CovarianceType.Tied))
        {
            return;
        }

        var blocks = type == CovarianceType.Full ? k : 1;
        for (var b = 0; b < blocks; b++)
        {
            var offset = b * d * d;
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    s2[offset + (j * d) + i] = s2[offset + (i * d) + j];
                }
            }
        }
    }

    /// <summary>Zero statistics of the given shape.</summary>
    public static GaussianMixtureStatistics Zero(CovarianceType type, int components, int features) =>
        new(type, components, features, new double[components], new double[components * features],
            new double[SecondMomentLength(type, components, features)], 0, 0, 0);

    /// <summary>The shifts c_k, <c>[K × D]</c>, that statistics under <paramref name="parameters"/> use.</summary>
    /// <remarks>Tied covariances share one shift, the weighted mean of the means, so S2 can be one D×D sum.</remarks>
    public static double[] Shifts(GaussianMixtureParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var k = parameters.Components;
        var d = parameters.Features;
        var shifts = parameters.Means.ToArray();
        if (parameters.CovarianceType == CovarianceType.Tied)
        {
            var centre = new double[d];
            for (var c = 0; c < k; c++)
            {
                for (var j = 0; j < d; j++)
                {
                    centre[j] += parameters.Weights[c] * shifts[(c * d) + j];
                }
            }

            for (var c = 0; c < k; c++)
            {
                centre.CopyTo(shifts, c * d);
            }
        }

        return shifts;
    }

    /// <inheritdoc />
    public override SufficientStatistics Add(SufficientStatistics other)
    {
        if (other is not GaussianMixtureStatistics o || o.CovarianceType != CovarianceType
            || o.Components != Components || o.Features != Features)
        {
            throw new ArgumentException("Only statistics of the same mixture shape can be added.", nameof(other));
        }

        return new GaussianMixtureStatistics(
            CovarianceType, Components, Features, Sum(N, o.N), Sum(S1, o.S1), Sum(S2, o.S2),
            LogLikelihood + o.LogLikelihood, Weight + o.Weight, Rows + o.Rows);
    }

    private static double[] Sum(double[] a, double[] b)
    {
        var result = new double[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            result[i] = a[i] + b[i];
        }

        return result;
    }
}
