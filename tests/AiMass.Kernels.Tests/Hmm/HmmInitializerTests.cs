using AiMass.Kernels.Hmm;
using AiMass.Kernels.Init;
using AiMass.Kernels.Mixture;
using Xunit;

namespace AiMass.Kernels.Tests.Hmm;

public sealed class HmmInitializerTests
{
    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Diag)]
    public void The_same_seed_gives_the_same_Gaussian_model_and_another_initialisation_a_different_one(
        CovarianceType type)
    {
        var sample = Sample(HmmEmission.GaussianFull);
        var a = HmmInitializer.CreateGaussian(sample, 3, type, 1e-6, seed: 7, initIndex: 0, TransitionInit.Random);
        var b = HmmInitializer.CreateGaussian(sample, 3, type, 1e-6, seed: 7, initIndex: 0, TransitionInit.Random);
        var c = HmmInitializer.CreateGaussian(sample, 3, type, 1e-6, seed: 7, initIndex: 1, TransitionInit.Random);
        Assertions.SameModel(a, b, 0);
        Assert.NotEqual(a.Transitions.ToArray(), c.Transitions.ToArray());
    }

    [Fact]
    public void Gaussian_means_come_from_k_means_and_covariances_from_the_data_variance()
    {
        var sample = Sample(HmmEmission.GaussianDiag);
        var model = HmmInitializer.CreateGaussian(sample, 3, CovarianceType.Diag, 1e-3, seed: 1, initIndex: 0);
        var truth = TestModels.Gaussian(HmmEmission.GaussianDiag);
        for (var s = 0; s < 3; s++)
        {
            var mean = truth.Mean(s).ToArray();
            Assert.Contains(Enumerable.Range(0, 3), c =>
                Math.Abs(model.Mean(c)[0] - mean[0]) < 0.3 && Math.Abs(model.Mean(c)[1] - mean[1]) < 0.3);
        }

        for (var j = 0; j < 2; j++)
        {
            var column = Enumerable.Range(0, sample.Count).Select(i => sample.Row(i)[j]).ToArray();
            var variance = column.Select(v => (v - column.Average()) * (v - column.Average())).Average();
            Assert.All(Enumerable.Range(0, 3), s => Assert.Equal(variance + 1e-3, model.Covariances[(s * 2) + j], 10));
        }

        Assert.All(model.StartProbabilities, p => Assert.Equal(1.0 / 3, p));
        Assert.All(model.Transitions, p => Assert.Equal(1.0 / 3, p));
    }

    [Fact]
    public void Categorical_emissions_are_seeded_valid_and_follow_the_symbol_frequencies()
    {
        var sample = Sample(HmmEmission.Categorical);
        var a = HmmInitializer.CreateCategorical(sample, 3, 5, seed: 3, initIndex: 0);
        var b = HmmInitializer.CreateCategorical(sample, 3, 5, seed: 3, initIndex: 0);
        var c = HmmInitializer.CreateCategorical(sample, 3, 5, seed: 4, initIndex: 0);
        Assertions.SameModel(a, b, 0);
        Assert.NotEqual(a.EmissionProbabilities.ToArray(), c.EmissionProbabilities.ToArray());

        // The factor in [0.5, 1.5) bounds each entry's ratio to the smoothed frequency by 3 either way.
        var counts = new double[5];
        foreach (var v in sample.Values)
        {
            counts[(int)v]++;
        }

        for (var s = 0; s < 3; s++)
        {
            for (var m = 0; m < 5; m++)
            {
                var frequency = (counts[m] + 1) / (sample.Count + 5);
                var ratio = a.EmissionProbabilities[(s * 5) + m] / frequency;
                Assert.InRange(ratio, 1 / 3.0, 3.0);
            }
        }
    }

    [Fact]
    public void More_states_than_sampled_rows_is_refused()
    {
        var sample = new RowSample([1, 2, 3, 4], [1, 1], 2);
        var e = Assert.Throws<InvalidInputException>(
            () => HmmInitializer.CreateGaussian(sample, 3, CovarianceType.Diag, 1e-6, 0, 0));
        Assert.Equal("--states 3 is more than the 2 rows sampled for initialisation; lower --states.", e.Message);
    }

    private static RowSample Sample(HmmEmission kind)
    {
        var partition = TestModels.Partition(TestModels.Gaussian(kind), [400, 600], seed: 61);
        return RowSample.Draw(partition.Rows, null, RowSample.DefaultMaxRows, seed: 2);
    }
}
