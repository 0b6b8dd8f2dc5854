using AiMass.Kernels.Data;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using Xunit;
using Xunit.Abstractions;

namespace AiMass.Kernels.Tests.Hmm;

/// <summary>A 100,000-step sequence: p(X) is far below the smallest double, yet nothing may underflow.</summary>
public sealed class LongSequenceTests(ITestOutputHelper output)
{
    private const int Steps = 100_000;

    [Fact]
    public void A_100000_step_sequence_has_the_log_likelihood_of_an_independent_log_space_forward_pass()
    {
        var truth = TestModels.Gaussian(HmmEmission.GaussianDiag);
        var partition = TestModels.Partition(truth, [Steps], seed: 21);
        var model = TestModels.Perturbed(HmmEmission.GaussianDiag);

        var stats = ReferenceHmmEStep.Compute(partition, model, CancellationToken.None);
        var score = HmmScorer.Score(partition, model)[0];
        var independent = LogSpaceForward(model, partition.Rows);

        Assert.True(double.IsFinite(stats.LogLikelihood), $"log-likelihood {stats.LogLikelihood}");
        Assert.True(stats.LogLikelihood < -100_000, "p(X) underflows float64 by far, so log p must be very negative");
        Assertions.Close([independent], [stats.LogLikelihood], 1e-11, "E-step log-likelihood");
        Assertions.Close([independent], [score], 1e-11, "score");
        Assert.Equal(Steps, stats.Posterior.Sum(), 7);
        Assert.Equal(Steps - 1, stats.Transitions.Sum(), 7);
        Assert.All(stats.S2, v => Assert.True(double.IsFinite(v)));
        output.WriteLine($"log p = {stats.LogLikelihood:R}, independent {independent:R}");
    }

    [Fact]
    public void Viterbi_on_a_100000_step_sequence_recovers_most_true_states()
    {
        var truth = TestModels.Gaussian(HmmEmission.GaussianFull);
        var sample = HmmSampler.Sample(truth, [Steps], seed: 22);
        var partition = new DataPartition(0, new ArrayRowSource(sample.Observations, 2), SequenceLengths: [Steps]);
        var decoded = Viterbi.Decode(partition, truth);
        var agreement = decoded.States.Zip(sample.States).Count(p => p.First == p.Second) / (double)Steps;
        Assert.True(double.IsFinite(decoded.SequenceLogProbabilities[0]));
        Assert.True(agreement > 0.95, $"agreement {agreement}");
        output.WriteLine($"Viterbi agrees with the true states on {agreement:P2} of the steps");
    }

    /// <summary>
    /// log p(X) by the log-space forward recursion with log-sum-exp, and diagonal Gaussian log-densities written
    /// out from the covariances (not the precision factors the code under test uses).
    /// </summary>
    private static double LogSpaceForward(HmmParameters model, IRowSource rows)
    {
        int s = model.States, d = model.Features, n = (int)rows.Rows;
        var x = new double[n * d];
        rows.Read(0, n, x);
        var previous = new double[s];
        var current = new double[s];
        var terms = new double[s];
        for (var t = 0; t < n; t++)
        {
            for (var c = 0; c < s; c++)
            {
                double logB = 0;
                for (var j = 0; j < d; j++)
                {
                    var variance = model.Covariances[(c * d) + j];
                    var diff = x[(t * d) + j] - model.Means[(c * d) + j];
                    logB -= 0.5 * (Math.Log(2 * Math.PI * variance) + (diff * diff / variance));
                }

                if (t == 0)
                {
                    current[c] = Math.Log(model.StartProbabilities[c]) + logB;
                    continue;
                }

                for (var r = 0; r < s; r++)
                {
                    terms[r] = previous[r] + Math.Log(model.Transitions[(r * s) + c]);
                }

                current[c] = GaussianDensity.LogSumExp(terms) + logB;
            }

            (previous, current) = (current, previous);
        }

        return GaussianDensity.LogSumExp(previous);
    }
}
