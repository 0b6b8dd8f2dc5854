using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Kernels.Init;
using AiMass.Kernels.Mixture;

namespace AiMass.Coordinator.Fitting;

/// <summary>
/// Refuses requests whose cost is clearly absurd for the data, from the dataset's header alone (so a submission is
/// answered at once): a model with more free parameters than the data have values, a model too large to hold,
/// and an initialisation (k-means++ and Lloyd on the row sample, <c>n_init</c> times) that would take hours.
/// Applied by <see cref="FitPlanner"/> to local fits and cluster jobs alike; documented in docs/OPERATIONS.md.
/// </summary>
public static class PlanLimits
{
    /// <summary>Largest model, in float64 values (1 GiB): parameters, statistics and checkpoints are each this big.
    /// </summary>
    public const long MaxModelValues = 1L << 27;

    /// <summary>
    /// Largest initialisation work, in squared-distance terms (one term is one feature of one row against one centre):
    /// measured at about 7 ns each on one core of the 2-core build machine (K = 1000 over 50 000 rows × 8 features,
    /// 7.6·10⁹ terms, in 50 s), so 10¹² is about two hours of CPU before the first iteration.
    /// </summary>
    public const double MaxInitWork = 1e12;

    /// <summary>Checks a Gaussian mixture of <paramref name="k"/> components initialised from the data.</summary>
    public static void CheckMixture(
        int k, CovarianceType type, InitMethod method, int nInit, IRowSource data)
    {
        ArgumentNullException.ThrowIfNull(data);
        long d = data.Features;
        var what = $"--k {k} with {type.Name()} covariances";
        CheckFreeParameters(
            what, type.FreeCovarianceParameters(k, data.Features) + (k * d) + k - 1, data, "--covariance diag");
        CheckSize(what, k + (k * d) + (2 * CovarianceValues(type, k, d)), d, "--covariance diag");
        CheckInitWork("--k", k, method, nInit, data);
    }

    /// <summary>
    /// Checks an HMM of <paramref name="states"/> states with Gaussian emissions (<paramref name="type"/> full or
    /// diag) initialised from the data.
    /// </summary>
    public static void CheckGaussianHmm(int states, CovarianceType type, int nInit, IRowSource data)
    {
        ArgumentNullException.ThrowIfNull(data);
        long s = states, d = data.Features;
        var what = $"--states {states} with {type.Name()} covariances";
        var covariance = type == CovarianceType.Full ? s * d * (d + 1) / 2 : s * d;
        CheckFreeParameters(what, (s - 1) + (s * (s - 1)) + (s * d) + covariance, data, "--covariance diag");
        CheckSize(what, (s * s) + (s * d) + (2 * CovarianceValues(type, states, d)), d, "--covariance diag");
        CheckInitWork("--states", states, InitMethod.KMeansPlusPlus, nInit, data);
    }

    /// <summary>Checks a categorical HMM of <paramref name="states"/> states over <paramref name="symbols"/>
    /// symbols.</summary>
    public static void CheckCategoricalHmm(int states, int symbols, IRowSource data)
    {
        ArgumentNullException.ThrowIfNull(data);
        long s = states, m = symbols;
        var what = $"--states {states} over {symbols} symbols";
        CheckFreeParameters(what, (s - 1) + (s * (s - 1)) + (s * (m - 1)), data, "fewer --states");
        CheckSize(what, (s * s) + (s * m), 1, "fewer --states");
    }

    /// <summary>
    /// The initialisation work of <paramref name="nInit"/> runs: k-means++ seeding draws 2 + ⌊ln K⌋ candidates per
    /// centre, each a pass over the sample, then up to <see cref="GaussianMixtureInitializer.LloydIterations"/>
    /// Lloyd passes and one assignment; random-from-data is one assignment pass.
    /// </summary>
    public static double InitWork(int k, InitMethod method, int nInit, long rows, int features)
    {
        var sample = (double)Math.Min(rows, RowSample.DefaultMaxRows);
        var passes = method == InitMethod.KMeansPlusPlus
            ? 2 + (int)Math.Log(k) + GaussianMixtureInitializer.LloydIterations + 1
            : 1;
        return (double)nInit * sample * k * features * passes;
    }

    private static void CheckFreeParameters(string what, long parameters, IRowSource data, string smaller)
    {
        var values = data.Rows * data.Features;
        if (parameters > values)
        {
            throw new InvalidInputException(
                $"{what} has {parameters:N0} free parameters, more than the {values:N0} values of {data.Name} " +
                $"({data.Rows:N0} rows × {data.Features} features): the fit cannot be determined; lower the count, " +
                $"use {smaller}, or give more rows.");
        }
    }

    private static void CheckSize(string what, long values, long features, string smaller)
    {
        if (values > MaxModelValues)
        {
            var gib = values * 8.0 / (1L << 30);
            throw new InvalidInputException(
                $"{what} over {features} features needs {values:N0} float64 values per model ({gib:F1} GiB), more " +
                $"than the limit of {MaxModelValues:N0} (1 GiB); lower the count or use {smaller}.");
        }
    }

    private static void CheckInitWork(string flag, int k, InitMethod method, int nInit, IRowSource data)
    {
        var work = InitWork(k, method, nInit, data.Rows, data.Features);
        if (work > MaxInitWork)
        {
            throw new InvalidInputException(
                $"Initialising {flag} {k} by {method.Name()} on {Math.Min(data.Rows, RowSample.DefaultMaxRows):N0} " +
                $"sampled rows × {data.Features} features, {nInit} time(s), takes about {work:G3} distance " +
                $"computations (hours of CPU), more than the limit of {MaxInitWork:G3}; lower {flag} or --n-init, " +
                "or start from a model with --init.");
        }
    }

    private static long CovarianceValues(CovarianceType type, long k, long d) => type switch
    {
        CovarianceType.Full => k * d * d,
        CovarianceType.Tied => d * d,
        CovarianceType.Diag => k * d,
        _ => k,
    };
}
