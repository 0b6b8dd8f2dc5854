using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Init;
using AiMass.Kernels.Mixture;
using Xunit;
using Xunit.Abstractions;

namespace AiMass.Kernels.Tests.Hmm;

public sealed class HmmEmTests(ITestOutputHelper output)
{
    public static TheoryData<HmmEmission> Kinds =>
        [HmmEmission.GaussianFull, HmmEmission.GaussianDiag, HmmEmission.Categorical];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_log_likelihood_never_decreases_over_30_iterations(HmmEmission kind)
    {
        var partition = TestModels.Partition(TestModels.Gaussian(kind), [120, 200, 80, 150], seed: 31);
        var run = new EmRun(new HmmMStep(RegCovar: 0), TestModels.Perturbed(kind), new EmSettings(30, 0));
        while (!run.IsFinished)
        {
            run.Advance(ReferenceHmmEStep.Compute(partition, (HmmParameters)run.Parameters, CancellationToken.None));
        }

        Assert.Equal(30, run.Iteration);
        for (var i = 1; i < run.History.Count; i++)
        {
            var (before, after) = (run.History[i - 1].LowerBound, run.History[i].LowerBound);
            Assert.True(after >= before - (1e-13 * Math.Abs(before)), $"iteration {i + 1}: {before:R} -> {after:R}");
        }

        Assert.True(run.History[^1].LowerBound > run.History[0].LowerBound + 0.01);
        output.WriteLine($"{kind}: {run.History[0].LowerBound:F6} -> {run.History[^1].LowerBound:F6}");
    }

    [Fact]
    public void A_tolerance_stops_the_run_when_the_mean_log_likelihood_settles()
    {
        var partition = TestModels.Partition(TestModels.Gaussian(HmmEmission.GaussianDiag), [300, 300], seed: 32);
        var run = new EmRun(new HmmMStep(), TestModels.Perturbed(HmmEmission.GaussianDiag), new EmSettings(200, 1e-6));
        while (!run.IsFinished)
        {
            run.Advance(ReferenceHmmEStep.Compute(partition, (HmmParameters)run.Parameters, CancellationToken.None));
        }

        Assert.True(run.Converged);
        Assert.True(run.Iteration < 200);
        Assert.True(Math.Abs(run.History[^1].Change) < 1e-6);
    }

    [Fact]
    public void A_fit_from_the_initializer_recovers_well_separated_states()
    {
        var truth = TestModels.Gaussian(HmmEmission.GaussianFull);
        var partition = TestModels.Partition(truth, [500, 700, 800], seed: 33);
        var sample = RowSample.Draw(partition.Rows, null, 50_000, seed: 1);
        var initial = HmmInitializer.CreateGaussian(
            sample, 3, CovarianceType.Full, 1e-6, seed: 4, initIndex: 0);
        var run = new EmRun(new HmmMStep(), initial, new EmSettings(100, 1e-6));
        while (!run.IsFinished)
        {
            run.Advance(ReferenceHmmEStep.Compute(partition, (HmmParameters)run.Parameters, CancellationToken.None));
        }

        var fitted = (HmmParameters)run.Parameters;
        for (var s = 0; s < 3; s++)
        {
            // States may come out in any order: match each true mean to the nearest fitted one.
            var nearest = Enumerable.Range(0, 3).MinBy(c => Distance(truth.Mean(s), fitted.Mean(c)));
            Assert.True(
                Distance(truth.Mean(s), fitted.Mean(nearest)) < 0.15,
                $"state {s}: fitted means {string.Join(", ", fitted.Means)} after {run.Iteration} iterations");
            Assert.Equal(truth.Transitions[(s * 3) + s], fitted.Transitions[(nearest * 3) + nearest], 1);
        }
    }

    [Fact]
    public void EmFit_drives_an_HMM_with_several_initialisations_and_scores_the_best()
    {
        var partition = TestModels.Partition(TestModels.Categorical(), [200, 300, 250], seed: 34);
        var sample = RowSample.Draw(partition.Rows, null, RowSample.DefaultMaxRows, seed: 1);
        var fit = new EmFit(
            new HmmMStep(), i => HmmInitializer.CreateCategorical(sample, 3, 5, seed: 5, initIndex: i), 3,
            new EmSettings(50, 1e-4));
        while (fit.Phase != EmPhase.Done)
        {
            var parameters = (HmmParameters)fit.ParametersToEvaluate;
            fit.Submit(ReferenceHmmEStep.Compute(partition, parameters, CancellationToken.None));
        }

        var result = fit.Result;
        Assert.Equal(3, result.InitLowerBounds.Count);
        Assert.Equal(result.InitLowerBounds.Max(), result.LowerBound);
        var check = ReferenceHmmEStep.Compute(partition, (HmmParameters)result.Parameters, CancellationToken.None);
        Assert.Equal(check.LogLikelihood, result.LogLikelihood);
        Assert.Equal(750, result.Rows);
    }

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b) =>
        Math.Sqrt(((a[0] - b[0]) * (a[0] - b[0])) + ((a[1] - b[1]) * (a[1] - b[1])));
}
