using AiMass.Kernels.Data;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Tests.EStep.Cpu;

/// <summary>
/// Random HMMs of any shape (fixed seeds) and data drawn from them: Gaussian states spread ~3 apart around an
/// offset far from the origin (float32 on raw values would lose ~3 digits there), or categorical over M symbols.
/// </summary>
internal static class HmmCpuFixture
{
    /// <summary>Offset of every Gaussian mean.</summary>
    public const double Offset = 1e3;

    /// <summary>
    /// A random HMM: <paramref name="features"/> is D for Gaussian emissions and M − 1 for categorical ones.
    /// With <paramref name="leftRight"/>, π = e₀ and A is upper-triangular (structural zeros, Bakis model).
    /// </summary>
    public static HmmParameters Model(HmmEmission kind, int states, int features, int seed, bool leftRight = false)
    {
        var random = new Random(seed);
        var start = leftRight ? OneHot(states) : Distribution(random, states);
        var transitions = new double[states * states];
        for (var r = 0; r < states; r++)
        {
            var row = Distribution(random, states - (leftRight ? r : 0));
            row.CopyTo(transitions, (r * states) + (leftRight ? r : 0));
        }

        if (kind == HmmEmission.Categorical)
        {
            var m = features + 1;
            var table = new double[states * m];
            for (var s = 0; s < states; s++)
            {
                Distribution(random, m).CopyTo(table, s * m);
            }

            return HmmParameters.CreateCategorical(start, transitions, table, m);
        }

        var means = new double[states * features];
        for (var i = 0; i < means.Length; i++)
        {
            means[i] = Offset + (3 * Normal(random));
        }

        var covariances = kind == HmmEmission.GaussianFull
            ? FullCovariances(random, states, features)
            : Enumerable.Range(0, states * features).Select(_ => 0.4 + (1.6 * random.NextDouble())).ToArray();
        return HmmParameters.CreateGaussian(kind.CovarianceType(), start, transitions, means, covariances, features);
    }

    /// <summary>
    /// The same shape and zero pattern as <paramref name="truth"/>, with start and transition probabilities
    /// mixed toward uniform, means moved by ~0.5, variances scaled by 1.5 and emission tables smoothed: a
    /// model to evaluate the truth's data under.
    /// </summary>
    public static HmmParameters Perturbed(HmmParameters truth, int seed)
    {
        var random = new Random(seed);
        int s = truth.States, d = truth.Features;
        var start = Smoothed(truth.StartProbabilities.ToArray(), 1, s);
        var transitions = Smoothed(truth.Transitions.ToArray(), s, s);
        if (truth.Emission == HmmEmission.Categorical)
        {
            var m = truth.Symbols;
            return HmmParameters.CreateCategorical(
                start, transitions, Smoothed(truth.EmissionProbabilities.ToArray(), s, m), m);
        }

        var means = truth.Means.Select(v => v + (0.5 * Normal(random))).ToArray();
        var covariances = truth.Covariances.Select(v => 1.5 * v).ToArray();
        return HmmParameters.CreateGaussian(
            truth.Emission.CovarianceType(), start, transitions, means, covariances, d);
    }

    /// <summary>Sequences of the given lengths drawn from <paramref name="model"/>, as one partition.</summary>
    public static DataPartition Partition(HmmParameters model, int[] lengths, int seed)
    {
        var sample = HmmSampler.Sample(model, lengths, seed);
        return new DataPartition(
            0, new ArrayRowSource(sample.Observations, sample.Features, "x.npy"), SequenceLengths: sample.Lengths);
    }

    /// <summary><paramref name="count"/> lengths between 1 and <paramref name="longest"/>.</summary>
    public static int[] Lengths(int count, int longest, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => 1 + random.Next(longest)).ToArray();
    }

    private static double[] FullCovariances(Random random, int states, int d)
    {
        var covariances = new double[states * d * d];
        var factor = new double[d * d];
        for (var s = 0; s < states; s++)
        {
            for (var i = 0; i < factor.Length; i++)
            {
                factor[i] = 0.5 * Normal(random);
            }

            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < d; j++)
                {
                    var sum = i == j ? 0.5 : 0.0; // Σ = F Fᵀ + ½ I: well conditioned, correlated
                    for (var k = 0; k < d; k++)
                    {
                        sum += factor[(i * d) + k] * factor[(j * d) + k];
                    }

                    covariances[(s * d * d) + (i * d) + j] = sum;
                }
            }
        }

        return covariances;
    }

    /// <summary>Each row of a <c>[rows × width]</c> table mixed 70/30 with uniform over its non-zero entries.</summary>
    private static double[] Smoothed(double[] table, int rows, int width)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = table.AsSpan(r * width, width);
            var support = 0;
            foreach (var v in row)
            {
                support += v > 0 ? 1 : 0;
            }

            for (var c = 0; c < width; c++)
            {
                row[c] = row[c] > 0 ? (0.7 * row[c]) + (0.3 / support) : 0;
            }
        }

        return table;
    }

    private static double[] Distribution(Random random, int n)
    {
        var values = Enumerable.Range(0, n).Select(_ => 0.2 + random.NextDouble()).ToArray();
        var sum = values.Sum();
        return values.Select(v => v / sum).ToArray();
    }

    private static double[] OneHot(int n)
    {
        var values = new double[n];
        values[0] = 1;
        return values;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
