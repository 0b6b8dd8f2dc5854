using AiMass.Kernels.Data;
using AiMass.Kernels.Hmm;
using Xunit;

namespace AiMass.Kernels.Tests.Hmm;

/// <summary>Decoders against brute-force enumeration of every state path of short sequences.</summary>
public sealed class HmmDecodingTests
{
    private const int Steps = 6;

    public static TheoryData<HmmEmission> Kinds =>
        [HmmEmission.GaussianFull, HmmEmission.GaussianDiag, HmmEmission.Categorical];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Viterbi_finds_the_most_probable_of_all_paths(HmmEmission kind)
    {
        var model = TestModels.Perturbed(kind);
        var partition = TestModels.Partition(TestModels.Gaussian(kind), [Steps, Steps], seed: 51);
        var decoded = Viterbi.Decode(partition, model);
        for (var q = 0; q < 2; q++)
        {
            var joint = Enumerate(model, partition.Rows, q * Steps);
            var best = joint.MaxBy(p => p.LogP);
            Assert.Equal(best.Path, decoded.States.AsSpan(q * Steps, Steps).ToArray());
            Assertions.Close([best.LogP], [decoded.SequenceLogProbabilities[q]], 1e-13, "log p(X, path)");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Posteriors_equal_the_normalised_sums_over_all_paths(HmmEmission kind)
    {
        var model = TestModels.Perturbed(kind);
        var partition = TestModels.Partition(TestModels.Gaussian(kind), [Steps], seed: 52);
        var (posteriors, logLikelihoods) = PosteriorDecoder.Posteriors(partition, model);
        var joint = Enumerate(model, partition.Rows, 0);
        var max = joint.Max(p => p.LogP);
        var total = joint.Sum(p => Math.Exp(p.LogP - max));
        var expected = new double[Steps * model.States];
        foreach (var (path, logP) in joint)
        {
            for (var t = 0; t < Steps; t++)
            {
                expected[(t * model.States) + path[t]] += Math.Exp(logP - max) / total;
            }
        }

        Assertions.Close(expected, posteriors, 1e-12, "gamma", 1e-300);
        Assertions.Close([max + Math.Log(total)], logLikelihoods, 1e-13, "log p(X)");
        var states = PosteriorDecoder.Decode(partition, model).States;
        for (var t = 0; t < Steps; t++)
        {
            Assert.Equal(Viterbi.ArgMax(expected.AsSpan(t * model.States, model.States)), states[t]);
        }
    }

    [Fact]
    public void Ties_go_to_the_lowest_state_index()
    {
        // Two identical states: every path has the same probability.
        var model = HmmParameters.CreateCategorical([0.5, 0.5], [0.5, 0.5, 0.5, 0.5], [0.3, 0.7, 0.3, 0.7], 2);
        var partition = new DataPartition(0, new ArrayRowSource([0, 1, 1, 0, 1], 1));
        Assert.Equal(new int[5], Viterbi.Decode(partition, model).States);
        Assert.Equal(new int[5], PosteriorDecoder.Decode(partition, model).States);
    }

    [Fact]
    public void Decoding_is_deterministic()
    {
        var model = TestModels.Perturbed(HmmEmission.GaussianFull);
        var partition = TestModels.Partition(TestModels.Gaussian(HmmEmission.GaussianFull), [300, 200], seed: 53);
        Assert.Equal(Viterbi.Decode(partition, model).States, Viterbi.Decode(partition, model).States);
        Assert.Equal(
            PosteriorDecoder.Decode(partition, model).States, PosteriorDecoder.Decode(partition, model).States);
    }

    /// <summary>Every path of one sequence with its log p(X, path), from log-densities written out here.</summary>
    private static List<(int[] Path, double LogP)> Enumerate(HmmParameters model, IRowSource rows, long first)
    {
        var s = model.States;
        var f = rows.Features;
        var x = new double[Steps * f];
        rows.Read(first, Steps, x);
        var result = new List<(int[], double)>();
        var count = (int)Math.Pow(s, Steps);
        for (var code = 0; code < count; code++)
        {
            var path = new int[Steps];
            for (int t = 0, c = code; t < Steps; t++, c /= s)
            {
                path[t] = c % s;
            }

            var logP = Math.Log(model.StartProbabilities[path[0]]);
            for (var t = 0; t < Steps; t++)
            {
                if (t > 0)
                {
                    logP += Math.Log(model.Transitions[(path[t - 1] * s) + path[t]]);
                }

                logP += LogDensity(model, path[t], x.AsSpan(t * f, f));
            }

            result.Add((path, logP));
        }

        return result;
    }

    /// <summary>log b_s(x) from the covariance itself (2×2 inverse and determinant written out).</summary>
    private static double LogDensity(HmmParameters model, int s, ReadOnlySpan<double> x)
    {
        if (model.Emission == HmmEmission.Categorical)
        {
            return Math.Log(model.EmissionProbabilities[(s * model.Symbols) + (int)x[0]]);
        }

        double a, b, c;
        if (model.Emission == HmmEmission.GaussianFull)
        {
            (a, b, c) = (model.Covariances[s * 4], model.Covariances[(s * 4) + 1], model.Covariances[(s * 4) + 3]);
        }
        else
        {
            (a, b, c) = (model.Covariances[s * 2], 0, model.Covariances[(s * 2) + 1]);
        }

        var det = (a * c) - (b * b);
        double u = x[0] - model.Means[s * 2], v = x[1] - model.Means[(s * 2) + 1];
        var quadratic = ((c * u * u) - (2 * b * u * v) + (a * v * v)) / det;
        return -0.5 * ((2 * Math.Log(2 * Math.PI)) + Math.Log(det) + quadratic);
    }
}
