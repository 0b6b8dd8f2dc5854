using AiMass.Kernels.Hmm;
using Xunit;

namespace AiMass.Kernels.Tests.Hmm;

public sealed class HmmSamplerTests
{
    [Fact]
    public void The_same_seed_gives_the_same_sample()
    {
        var model = TestModels.Gaussian(HmmEmission.GaussianFull);
        var a = HmmSampler.Sample(model, 3, 50, seed: 8);
        var b = HmmSampler.Sample(model, 3, 50, seed: 8);
        var c = HmmSampler.Sample(model, 3, 50, seed: 9);
        Assert.Equal(a.Observations, b.Observations);
        Assert.Equal(a.States, b.States);
        Assert.Equal([50, 50, 50], a.Lengths);
        Assert.NotEqual(a.Observations, c.Observations);
    }

    [Fact]
    public void Transition_frequencies_and_emission_moments_match_the_model()
    {
        var model = TestModels.Gaussian(HmmEmission.GaussianFull);
        var sample = HmmSampler.Sample(model, [200_000], seed: 10);
        var transitions = new double[9];
        for (var t = 1; t < sample.States.Length; t++)
        {
            transitions[(sample.States[t - 1] * 3) + sample.States[t]]++;
        }

        for (var s = 0; s < 3; s++)
        {
            var row = transitions.AsSpan(s * 3, 3).ToArray();
            var total = row.Sum();
            for (var c = 0; c < 3; c++)
            {
                Assert.Equal(model.Transitions[(s * 3) + c], row[c] / total, 2);
            }

            var rows = Enumerable.Range(0, sample.States.Length).Where(i => sample.States[i] == s).ToArray();
            var x = sample.Observations;
            double[] mean = [rows.Average(i => x[2 * i]), rows.Average(i => x[(2 * i) + 1])];
            Assert.Equal(model.Mean(s)[0], mean[0], 1);
            Assert.Equal(model.Mean(s)[1], mean[1], 1);
            var covariance = rows.Average(i => (x[2 * i] - mean[0]) * (x[(2 * i) + 1] - mean[1]));
            Assert.True(
                Math.Abs(model.Covariances[(s * 4) + 1] - covariance) < 0.03, $"state {s}: covariance {covariance}");
        }
    }

    [Fact]
    public void Categorical_symbols_follow_the_emission_table_and_zero_probabilities_are_never_drawn()
    {
        var model = HmmParameters.CreateCategorical([0, 1], [0.5, 0.5, 0.2, 0.8], [0.7, 0.3, 0, 0, 0.1, 0.9], 3);
        var sample = HmmSampler.Sample(model, 10, 5_000, seed: 11);
        Assert.All(Enumerable.Range(0, 10), q => Assert.Equal(1, sample.States[q * 5_000]));
        var counts = new double[6];
        for (var i = 0; i < sample.States.Length; i++)
        {
            counts[(sample.States[i] * 3) + (int)sample.Observations[i]]++;
        }

        Assert.Equal(0.0, counts[2]);
        Assert.Equal(0.0, counts[3]);
        Assert.Equal(0.9, counts[5] / (counts[4] + counts[5]), 2);
        Assert.Equal(0.7, counts[0] / (counts[0] + counts[1]), 2);
    }
}
