using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Tests.Support;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Seed.Jobs;
using Xunit;

namespace AiMass.Coordinator.Tests.Selection;

/// <summary>
/// Model selection in one data pass: it picks the true K and covariance on well-separated data, and each table row
/// equals the separate fit of that candidate (the old sequential EmFit) bit for bit; --n-init N in one pass equals the
/// sequential restarts bit for bit.
/// </summary>
public sealed class SelectionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(CovarianceType.Full, 3)]
    [InlineData(CovarianceType.Diag, 4)]
    [InlineData(CovarianceType.Spherical, 3)]
    public void Select_picks_the_true_k_and_covariance_on_well_separated_data(CovarianceType truth, int k)
    {
        var data = MixtureData.Write(_dir.File($"{truth}.npy"), 6000, 4, k, truth, seed: 7, separation: 8);
        var spec = Select(data, "1..6", nInit: 2);

        using var backend = EStepBackends.Create("cpu");
        var result = LocalFit.Run(spec, backend, new SilentObserver(), CancellationToken.None);

        var best = (GaussianMixtureParameters)result.Parameters;
        Assert.Equal((k, truth), (best.Components, best.CovarianceType));
        Assert.Equal(24, result.Selection!.Count);
        Assert.Equal("bic", result.Criterion);
    }

    [Theory]
    [InlineData("cpu", 1)]
    [InlineData("cpu", 3)]
    [InlineData("reference", 2)]
    public void Table_rows_equal_the_separate_fits_bit_for_bit(string device, int partitions)
    {
        var data = MixtureData.Write(_dir.File("x.npy"), 5000, 3, 3, CovarianceType.Full, seed: 2);
        var spec = Select(data, "2..4", nInit: 3) with { Partitions = partitions, Seed = 11 };

        using var backend = EStepBackends.Create(device);
        var selection = LocalFit.Run(spec, backend, new SilentObserver(), CancellationToken.None);

        foreach (var (k, covariance) in new[] { (2, "full"), (3, "tied"), (4, "diag"), (3, "spherical") })
        {
            var single = spec with { Kind = null, Components = k, CovarianceType = covariance };
            var separate = SequentialFit.Run(single, backend);
            var row = selection.Selection!.Single(r => r.Components == k && r.Covariance == covariance);
            Assert.Equal(separate.LowerBound, row.LowerBound);
            Assert.Equal(separate.LogLikelihood, row.LogLikelihood);
            Assert.Equal(separate.Bic, row.Bic);
            Assert.Equal(separate.Aic, row.Aic);
            Assert.Equal(separate.Iterations, row.Iterations);
            Assert.Equal(separate.Converged, row.Converged);
            Assert.Equal(separate.BestInit, row.BestInit);
        }
    }

    [Theory]
    [InlineData("full", "cpu")]
    [InlineData("tied", "cpu")]
    [InlineData("diag", "reference")]
    [InlineData("spherical", "cpu")]
    public void N_init_in_one_pass_equals_the_sequential_restarts_bit_for_bit(string covariance, string device)
    {
        var data = MixtureData.Write(_dir.File("x.npy"), 4000, 3, 4, CovarianceType.Full, seed: 5, separation: 2);
        var spec = new FitSpec { Data = data, Components = 4, CovarianceType = covariance, NInit = 4, Seed = 3 };

        using var backend = EStepBackends.Create(device);
        var onePass = LocalFit.Run(spec, backend, new SilentObserver(), CancellationToken.None);
        var sequential = SequentialFit.Run(spec, backend);

        AssertSameFit(sequential, onePass);
        Assert.Equal(
            StripTimings(ModelFile.Serialize(sequential)), StripTimings(ModelFile.Serialize(onePass)));
        // --precision auto (the default): float32 iterations, then a rollback to float64 before it converged.
        Assert.Equal(
            [EStepPrecision.Single, EStepPrecision.Double], onePass.History.Select(r => r.Precision).Distinct());
    }

    [Fact]
    public void Restarts_that_roll_back_and_run_to_max_iter_in_one_pass_equal_the_sequential_restarts()
    {
        // tol 0: every run goes to --max-iter, and auto precision rolls each back once on the way (two extra passes).
        var data = MixtureData.Write(_dir.File("x.npy"), 3000, 3, 3, CovarianceType.Full, seed: 6, separation: 4);
        var spec = new FitSpec
        {
            Data = data, Components = 3, CovarianceType = "diag", NInit = 3, Seed = 2, Tol = 0, MaxIter = 40,
        };

        using var backend = EStepBackends.Create("cpu");
        var onePass = LocalFit.Run(spec, backend, new SilentObserver(), CancellationToken.None);
        var sequential = SequentialFit.Run(spec, backend);

        AssertSameFit(sequential, onePass);
        Assert.Equal(40, onePass.Iterations);
        // Iteration 1 runs in float32 under auto; recorded as float64, it was redone after a rollback.
        Assert.Equal(EStepPrecision.Double, onePass.History[0].Precision);
    }

    [Fact]
    public void Hmm_restarts_in_one_pass_equal_the_sequential_restarts_bit_for_bit()
    {
        var fixture = HmmCase.Load("gaussian_diag");
        var spec = new FitSpec
        {
            Model = "hmm", Data = fixture.Data, Lengths = fixture.Lengths, Components = 3, NInit = 3, Seed = 4,
            MaxIter = 20,
        };

        using var backend = EStepBackends.Create("cpu");
        var onePass = LocalFit.Run(spec, backend, new SilentObserver(), CancellationToken.None);
        var sequential = SequentialFit.Run(spec, backend);

        AssertSameFit(sequential, onePass);
        Assert.Equal(
            ((HmmParameters)sequential.Parameters).Transitions.ToArray(),
            ((HmmParameters)onePass.Parameters).Transitions.ToArray());
    }

    [Fact]
    public void The_icl_of_the_fused_pass_agrees_with_the_float64_reference()
    {
        var data = MixtureData.Write(_dir.File("x.npy"), 3000, 3, 3, CovarianceType.Full, seed: 9, separation: 1.5);
        var spec = Select(data, "3..4", nInit: 1) with { SelectCovariance = ["full", "diag"], Precision = "double" };

        using var cpu = EStepBackends.Create("cpu", new EStepOptions(EStepPrecision.Double));
        using var reference = EStepBackends.Create("reference");
        var fused = LocalFit.Run(spec, cpu, new SilentObserver(), CancellationToken.None).Selection!;
        var exact = LocalFit.Run(spec, reference, new SilentObserver(), CancellationToken.None).Selection!;

        for (var i = 0; i < fused.Count; i++)
        {
            Assert.True(exact[i].Icl > exact[i].Bic, "overlapping components: the ICL adds a positive entropy term");
            Assert.Equal(exact[i].Icl!.Value, fused[i].Icl!.Value, 1e-6 * Math.Abs(exact[i].Icl!.Value));
        }
    }

    [Fact]
    public void A_candidate_that_fails_is_recorded_in_the_table_and_the_others_go_on()
    {
        var data = Duplicates(_dir.File("dup.npy"));
        var spec = Select(data, "1..4", nInit: 1) with { RegCovar = 0, SelectCovariance = ["full", "spherical"] };

        using var backend = EStepBackends.Create("cpu");
        var result = LocalFit.Run(spec, backend, new SilentObserver(), CancellationToken.None);

        var failed = result.Selection!.Single(r => r is { Components: 4, Covariance: "full" });
        Assert.NotNull(failed.Error);
        Assert.Null(failed.Bic);
        Assert.Contains(result.Selection!, r => r.Error is null);
        Assert.Contains("k,covariance,lower_bound", SelectionTable.ToCsv(result.Selection!), StringComparison.Ordinal);
        Assert.Contains("\n4,full,,,,,,,false,\n", SelectionTable.ToCsv(result.Selection!), StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_initialisation_of_a_plain_fit_fails_it_with_the_models_own_message()
    {
        var data = Duplicates(_dir.File("dup.npy"));

        var run = CliRun.Of(
            "fit", "gmm", "--data", data, "--k", "4", "--n-init", "2", "--reg-covar", "0", "--output", _dir.File("m"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("has an ill-defined covariance", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("One or more errors", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Four distinct points, each repeated 50 times: a 4-component full fit without reg_covar is singular.
    /// </summary>
    private static string Duplicates(string path)
    {
        double[][] points = [[0, 0], [5, 1], [1, 6], [7, 7]];
        var values = Enumerable.Range(0, 200).SelectMany(i => points[i % 4]).ToArray();
        using var writer = Seed.Data.NpyWriter.Create(path, Seed.Data.NpyDataType.Float64, 200, 2);
        writer.WriteRows(values);
        writer.Complete();
        return path;
    }

    private static FitSpec Select(string data, string ks, int nInit) => new()
    {
        Kind = "select", Data = data, SelectK = AiMass.Coordinator.Cli.SelectOptions.ParseK(ks), NInit = nInit,
        Seed = 1,
        SelectCovariance = SelectionPlanner.AllCovariances,
    };

    private static void AssertSameFit(FitResult expected, FitResult actual)
    {
        Assert.Equal(expected.History.Select(r => r.LowerBound), actual.History.Select(r => r.LowerBound));
        Assert.Equal(expected.History.Select(r => r.Precision), actual.History.Select(r => r.Precision));
        Assert.Equal(expected.InitLowerBounds, actual.InitLowerBounds);
        Assert.Equal(expected.BestInit, actual.BestInit);
        Assert.Equal(expected.Converged, actual.Converged);
        Assert.Equal(expected.LogLikelihood, actual.LogLikelihood);
    }

    /// <summary>The model file without the history's wall times (ms, estep_ms, mstep_ms).</summary>
    private static string StripTimings(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, "\"(ms|estep_ms|mstep_ms)\": [0-9.eE+-]+", "");
}
