using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.Init;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Tests.Support;

namespace AiMass.Kernels.Tests.Em;

public sealed class EmFitTests
{
    private const int D = 4;

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Tied)]
    [InlineData(CovarianceType.Diag)]
    [InlineData(CovarianceType.Spherical)]
    public void The_lower_bound_never_decreases(CovarianceType type)
    {
        var result = Fit(SyntheticData.Blobs(900, D, 4, seed: 11), type, new EmSettings(40, 0), initCount: 1);
        for (var i = 1; i < result.History.Count; i++)
        {
            Assert.True(
                result.History[i].LowerBound >= result.History[i - 1].LowerBound - 1e-12,
                $"iteration {i + 1}: {result.History[i].LowerBound:R} < {result.History[i - 1].LowerBound:R}");
        }
    }

    [Fact]
    public void A_tolerance_of_zero_runs_exactly_max_iter_iterations()
    {
        var result = Fit(SyntheticData.Blobs(300, D, 3, seed: 12), CovarianceType.Diag, new EmSettings(7, 0), 1);
        Assert.Equal(7, result.Iterations);
        Assert.Equal(7, result.History.Count);
        Assert.False(result.Converged);
    }

    [Fact]
    public void Zero_iterations_return_the_initial_model_unconverged()
    {
        var x = SyntheticData.Blobs(300, D, 3, seed: 13);
        var initial = Initial(x, CovarianceType.Full, 0);
        var result = Fit(x, CovarianceType.Full, new EmSettings(0, 1e-3), 1);
        Assert.Equal(0, result.Iterations);
        Assert.Equal(initial.Means.ToArray(), ((GaussianMixtureParameters)result.Parameters).Means.ToArray());
    }

    [Fact]
    public void Several_initialisations_keep_the_best_lower_bound()
    {
        var x = SyntheticData.Blobs(600, D, 5, seed: 14);
        var result = Fit(x, CovarianceType.Full, new EmSettings(100, 1e-3), initCount: 4);
        Assert.Equal(4, result.InitLowerBounds.Count);
        Assert.Equal(result.InitLowerBounds.Max(), result.LowerBound);
        Assert.Equal(result.InitLowerBounds.ToList().IndexOf(result.InitLowerBounds.Max()), result.BestInit);
    }

    [Fact]
    public void The_final_log_likelihood_is_that_of_the_fitted_model()
    {
        var x = SyntheticData.Blobs(400, D, 3, seed: 15);
        var result = Fit(x, CovarianceType.Full, new EmSettings(20, 1e-3), 1);
        var check = ReferenceGaussianMixtureEStep.Compute(
            new DataPartition(0, new ArrayRowSource(x, D)), (GaussianMixtureParameters)result.Parameters,
            CancellationToken.None);
        Assert.Equal(check.LogLikelihood, result.LogLikelihood);
        Assert.True(
            result.LogLikelihood / result.Weight >= result.LowerBound - 1e-12,
            $"{result.LogLikelihood / result.Weight:R} < {result.LowerBound:R}");
    }

    [Fact]
    public void A_fit_restored_from_a_snapshot_at_any_step_ends_exactly_as_the_uninterrupted_one()
    {
        var x = SyntheticData.Blobs(500, D, 3, seed: 16);
        var partition = new DataPartition(0, new ArrayRowSource(x, D));
        var settings = new EmSettings(6, 0);
        var expected = Fit(x, CovarianceType.Full, settings, initCount: 3);
        for (var stop = 0; stop < 20; stop++)
        {
            var fit = new EmFit(new GaussianMixtureMStep(), i => Initial(x, CovarianceType.Full, i), 3, settings);
            for (var step = 0; step < stop && fit.Phase != EmPhase.Done; step++)
            {
                fit.Submit(Compute(partition, fit));
            }

            if (fit.Phase == EmPhase.Done)
            {
                break;
            }

            var restored = EmFit.Restore(
                new GaussianMixtureMStep(), i => Initial(x, CovarianceType.Full, i), 3, settings, fit.Snapshot());
            while (restored.Phase != EmPhase.Done)
            {
                restored.Submit(Compute(partition, restored));
            }

            var actual = (GaussianMixtureParameters)restored.Result.Parameters;
            Assert.Equal(((GaussianMixtureParameters)expected.Parameters).Means.ToArray(), actual.Means.ToArray());
            Assert.Equal(expected.InitLowerBounds, restored.Result.InitLowerBounds);
            Assert.Equal(expected.BestInit, restored.Result.BestInit);
            Assert.Equal(expected.LogLikelihood, restored.Result.LogLikelihood);
        }
    }

    private static GaussianMixtureStatistics Compute(DataPartition partition, EmFit fit) =>
        ReferenceGaussianMixtureEStep.Compute(
            partition, (GaussianMixtureParameters)fit.ParametersToEvaluate, CancellationToken.None);

    private static GaussianMixtureParameters Initial(double[] x, CovarianceType type, int init) =>
        GaussianMixtureInitializer.Create(
            new RowSample(x, Enumerable.Repeat(1.0, x.Length / D).ToArray(), D), 3, type, 1e-6,
            InitMethod.KMeansPlusPlus, seed: 0, initIndex: init);

    private static FitResult Fit(double[] x, CovarianceType type, EmSettings settings, int initCount)
    {
        var partition = new DataPartition(0, new ArrayRowSource(x, D));
        var fit = new EmFit(new GaussianMixtureMStep(), i => Initial(x, type, i), initCount, settings);
        while (fit.Phase != EmPhase.Done)
        {
            fit.Submit(ReferenceGaussianMixtureEStep.Compute(
                partition, (GaussianMixtureParameters)fit.ParametersToEvaluate, CancellationToken.None));
        }

        return fit.Result;
    }
}
