using System.Collections.Immutable;
using System.Runtime.InteropServices;
using AiMass.Kernels.Em;
using AiMass.Kernels.Linalg;

namespace AiMass.Kernels.Mixture;

/// <summary>
/// Immutable Gaussian-mixture parameters with the precision Cholesky factors the E-step uses
/// (scikit-learn's <c>precisions_cholesky_</c>). All arrays are row-major and flat.
/// </summary>
public sealed class GaussianMixtureParameters : ModelParameters
{
    private GaussianMixtureParameters(
        CovarianceType type, int components, int features, double[] weights, double[] means, double[] covariances,
        double[] precisionCholesky, double[] logDetPrecisionCholesky)
    {
        CovarianceType = type;
        Components = components;
        Features = features;
        Weights = ImmutableCollectionsMarshal.AsImmutableArray(weights);
        Means = ImmutableCollectionsMarshal.AsImmutableArray(means);
        Covariances = ImmutableCollectionsMarshal.AsImmutableArray(covariances);
        PrecisionCholesky = ImmutableCollectionsMarshal.AsImmutableArray(precisionCholesky);
        LogDetPrecisionCholesky = ImmutableCollectionsMarshal.AsImmutableArray(logDetPrecisionCholesky);
    }

    /// <summary>Shape of the covariances.</summary>
    public CovarianceType CovarianceType { get; }

    /// <summary>Number of components (K).</summary>
    public int Components { get; }

    /// <inheritdoc />
    public override int Features { get; }

    /// <summary>Mixing weights π, <c>[K]</c>, summing to 1.</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>Component means μ, <c>[K × D]</c>.</summary>
    public ImmutableArray<double> Means { get; }

    /// <summary>
    /// Covariances: full <c>[K × D × D]</c>, tied <c>[D × D]</c>, diag <c>[K × D]</c>, spherical <c>[K]</c>.
    /// </summary>
    public ImmutableArray<double> Covariances { get; }

    /// <summary>
    /// Precision Cholesky factors in the covariances' layout: upper-triangular U with Σ⁻¹ = U Uᵀ for full and
    /// tied; 1/σ for diag and spherical.
    /// </summary>
    public ImmutableArray<double> PrecisionCholesky { get; }

    /// <summary>Σ log diag(U_k) per component, <c>[K]</c>: ½ log det Σ_k⁻¹.</summary>
    public ImmutableArray<double> LogDetPrecisionCholesky { get; }

    /// <inheritdoc />
    public override long FreeParameterCount =>
        CovarianceType.FreeCovarianceParameters(Components, Features) + ((long)Components * Features) + Components - 1;

    /// <summary>The mean of component <paramref name="k"/>, <c>[D]</c>.</summary>
    public ReadOnlySpan<double> Mean(int k) => Means.AsSpan(k * Features, Features);

    /// <summary>
    /// Builds parameters from weights, means and covariances, computing the precision Cholesky factors.
    /// Throws <see cref="DegenerateComponentException"/> for a covariance that is not positive definite and
    /// <see cref="InvalidInputException"/> for wrong shapes or non-finite values.
    /// </summary>
    public static GaussianMixtureParameters Create(
        CovarianceType type, double[] weights, double[] means, double[] covariances, int features) =>
        Create(type, weights, means, covariances, features, owned: false);

    /// <summary>
    /// <see cref="Create(CovarianceType, double[], double[], double[], int)"/> for arrays the caller hands over
    /// (it never writes them again): full and tied covariances that are already exactly symmetric are kept as
    /// they are instead of copied (33 MB a copy at K=256, D=128).
    /// </summary>
    internal static GaussianMixtureParameters Create(
        CovarianceType type, double[] weights, double[] means, double[] covariances, int features, bool owned)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(covariances);
        var k = weights.Length;
        CheckShapes(type, k, features, means, covariances);
        CheckWeights(weights);
        CheckMeans(means, features);
        covariances = owned && IsSymmetric(type, covariances, k, features)
            ? covariances
            : Symmetrized(type, covariances, k, features);
        var (precision, logDet) = PrecisionFactors(type, covariances, k, features);
        return new GaussianMixtureParameters(type, k, features, weights, means, covariances, precision, logDet);
    }

    /// <summary>
    /// The precision Cholesky factors of <paramref name="covariances"/> (layout of <see cref="PrecisionCholesky"/>)
    /// and Σ log diag per component (<c>[K]</c>); throws for a covariance that is not positive definite.
    /// </summary>
    private static (double[] Precision, double[] LogDet) PrecisionFactors(
        CovarianceType type, double[] covariances, int k, int features)
    {
        var precision = new double[covariances.Length];
        var logDet = new double[k];
        switch (type)
        {
            case CovarianceType.Full:
                // Components are independent; the first one (by index) that fails is reported, whatever the timing.
                var block = features * features;
                var failed = new bool[k];
                Parallel.For(0, k, c =>
                {
                    var factor = SymmetricFactor.TryPrecisionCholesky(
                        covariances.AsSpan(c * block, block), features, precision.AsSpan(c * block, block));
                    logDet[c] = factor ?? double.NaN;
                    failed[c] = factor is null;
                });
                var first = Array.IndexOf(failed, true);
                if (first >= 0)
                {
                    throw NotPositiveDefinite(first);
                }

                break;
            case CovarianceType.Tied:
                var shared = SymmetricFactor.TryPrecisionCholesky(covariances, features, precision)
                    ?? throw NotPositiveDefinite(0);
                Array.Fill(logDet, shared);
                break;
            case CovarianceType.Diag:
            case CovarianceType.Spherical:
                DiagonalFactors(type, covariances, features, precision, logDet);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }

        return (precision, logDet);
    }

    /// <summary>1/σ per variance and Σ log(1/σ) per component (a spherical σ counts once per feature).</summary>
    private static void DiagonalFactors(
        CovarianceType type, double[] covariances, int features, double[] precision, double[] logDet)
    {
        var perComponent = type == CovarianceType.Diag ? features : 1;
        for (var i = 0; i < covariances.Length; i++)
        {
            if (!(covariances[i] > 0) || !double.IsFinite(covariances[i]))
            {
                throw NotPositiveDefinite(i / perComponent);
            }

            precision[i] = 1.0 / Math.Sqrt(covariances[i]);
            logDet[i / perComponent] += Math.Log(precision[i]) * (type == CovarianceType.Spherical ? features : 1);
        }
    }

    /// <summary>
    /// Full and tied covariances with both triangles set to their average: the canonical form every node derives
    /// the same precision factors from (files written by other tools are symmetric only to the last bit).
    /// </summary>
    private static double[] Symmetrized(CovarianceType type, double[] covariances, int k, int d)
    {
        if (type is not (CovarianceType.Full or CovarianceType.Tied))
        {
            return covariances;
        }

        var result = (double[])covariances.Clone();
        var blocks = type == CovarianceType.Full ? k : 1;
        for (var b = 0; b < blocks; b++)
        {
            var offset = b * d * d;
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    var mean = 0.5 * (result[offset + (i * d) + j] + result[offset + (j * d) + i]);
                    result[offset + (i * d) + j] = mean;
                    result[offset + (j * d) + i] = mean;
                }
            }
        }

        return result;
    }

    /// <summary>True for diag and spherical, and for full and tied covariances whose two triangles are equal.
    /// </summary>
    private static bool IsSymmetric(CovarianceType type, double[] covariances, int k, int d)
    {
        if (type is not (CovarianceType.Full or CovarianceType.Tied))
        {
            return true;
        }

        var blocks = type == CovarianceType.Full ? k : 1;
        for (var b = 0; b < blocks; b++)
        {
            var block = covariances.AsSpan(b * d * d, d * d);
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (block[(i * d) + j] != block[(j * d) + i]) // NaN too: the copy path reports it
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private static DegenerateComponentException NotPositiveDefinite(int component) =>
        new(component, $"The covariance of component {component} is not positive definite.");

    private static void CheckShapes(CovarianceType type, int k, int features, double[] means, double[] covariances)
    {
        if (k < 1 || features < 1)
        {
            throw new InvalidInputException(
                $"A mixture needs at least one component and one feature (K={k}, D={features}).");
        }

        if (means.Length != k * features)
        {
            throw new InvalidInputException(
                $"means has {means.Length} values; K={k} components × D={features} need {k * features}.");
        }

        var expected = type.CovarianceLength(k, features);
        if (covariances.Length != expected)
        {
            throw new InvalidInputException(
                $"{type.Name()} covariances have {covariances.Length} values; K={k}, D={features} need {expected}.");
        }
    }

    private static void CheckMeans(double[] means, int features)
    {
        for (var i = 0; i < means.Length; i++)
        {
            if (!double.IsFinite(means[i]))
            {
                throw new InvalidInputException(
                    $"Mean {i % features} of component {i / features} is {means[i]}; means must be finite.");
            }
        }
    }

    private static void CheckWeights(double[] weights)
    {
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            if (!(weights[i] >= 0) || !double.IsFinite(weights[i]))
            {
                throw new InvalidInputException(
                    $"Weight of component {i} is {weights[i]}; weights must be finite and ≥ 0.");
            }

            sum += weights[i];
        }

        if (Math.Abs(sum - 1.0) > 1e-6)
        {
            throw new InvalidInputException($"The weights add up to {sum:R}, not 1; normalise them.");
        }
    }
}
