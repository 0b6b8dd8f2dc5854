using AiMass.Coordinator.Fitting;
using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Tests.Fitting;

/// <summary>
/// <see cref="PlanLimits"/>, through <see cref="FitPlanner"/>: requests whose cost is clearly absurd for the data
/// are refused from the dataset's header alone (the source here has no rows to read), with the numbers and the
/// remedy; the request just inside each limit is planned.
/// </summary>
public sealed class PlanLimitsTests
{
    [Fact]
    public void More_free_parameters_than_the_data_have_values_is_refused_naming_both()
    {
        // K = 50 full covariances in 10 features: 50 × (10 + 55) + 49 = 3299 free parameters.
        var spec = Gmm(50, "full");
        FitPlanner.Create(spec, new HeaderOnly(330, 10), null); // 3300 values

        var error = Assert.Throws<InvalidInputException>(() => FitPlanner.Create(spec, new HeaderOnly(329, 10), null));

        Assert.Equal(
            "--k 50 with full covariances has 3,299 free parameters, more than the 3,290 values of data.npy " +
            "(329 rows × 10 features): the fit cannot be determined; lower the count, use --covariance diag, or " +
            "give more rows.", error.Message);
    }

    [Fact]
    public void A_model_above_one_gibibyte_is_refused_with_its_size()
    {
        var data = new HeaderOnly(10_000_000, 250);
        FitPlanner.Create(Gmm(1000, "full"), data, null); // 125 million values

        var error = Assert.Throws<InvalidInputException>(() => FitPlanner.Create(Gmm(1100, "full"), data, null));

        Assert.Equal(
            "--k 1100 with full covariances over 250 features needs 137,776,100 float64 values per model (1.0 GiB), " +
            "more than the limit of 134,217,728 (1 GiB); lower the count or use --covariance diag.", error.Message);
    }

    [Fact]
    public void Initialisation_work_above_the_limit_is_refused_with_the_remedy()
    {
        // 50 000 sampled rows × 64 features × 2000 centres × (2 + ⌊ln 2000⌋ + 10 + 1 = 20 passes) = 1.28e11 per init.
        var data = new HeaderOnly(10_000_000, 64);
        FitPlanner.Create(Gmm(2000, "diag") with { NInit = 7 }, data, null);

        var error = Assert.Throws<InvalidInputException>(
            () => FitPlanner.Create(Gmm(2000, "diag") with { NInit = 8 }, data, null));

        Assert.Equal(
            "Initialising --k 2000 by kmeans++ on 50,000 sampled rows × 64 features, 8 time(s), takes about " +
            "1.02E+12 distance computations (hours of CPU), more than the limit of 1E+12; lower --k or --n-init, " +
            "or start from a model with --init.", error.Message);
        Assert.Equal(1.024e12, PlanLimits.InitWork(2000, Kernels.Init.InitMethod.KMeansPlusPlus, 8, 10_000_000, 64));
    }

    [Fact]
    public void The_same_limits_hold_for_hidden_markov_models()
    {
        var spec = new FitSpec { Model = "hmm", Data = "data.npy", Components = 40, CovarianceType = "full" };

        var error = Assert.Throws<InvalidInputException>(() => FitPlanner.Create(spec, new HeaderOnly(100, 5), null));

        // 39 start + 40 × 39 transition + 40 × 5 means + 40 × 15 covariance values.
        Assert.StartsWith("--states 40 with full covariances has 2,399 free parameters, more than the 500 values",
            error.Message);
    }

    private static FitSpec Gmm(int k, string covariance) =>
        new() { Data = "data.npy", Components = k, CovarianceType = covariance };

    /// <summary>A dataset header without rows: planning must not read any.</summary>
    private sealed class HeaderOnly(long rows, int features) : IRowSource
    {
        public long Rows => rows;

        public int Features => features;

        public string Name => "data.npy";

        public void Read(long firstRow, int rowCount, Span<double> destination) =>
            throw new InvalidOperationException("the plan read rows");

        public void Read(long firstRow, int rowCount, Span<float> destination) =>
            throw new InvalidOperationException("the plan read rows");
    }
}
