using AiMass.Kernels.Data;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Synthetic;
using Xunit;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>
/// A seeded HMM E-step problem: sequences drawn from a synthetic HMM (<see cref="SyntheticHmms"/>, plus an
/// optional common offset), evaluated under a blurred copy of it (means moved, covariances ×2.5, transitions and
/// emission tables mixed with uniform ones), so posteriors are mixed rather than all 0 or 1.
/// </summary>
internal sealed record HmmCase(DataPartition Partition, HmmParameters Parameters)
{
    /// <summary>Many short sequences (1–12 steps) and two longer ones (60 and 110 steps): 400 rows.</summary>
    public static int[] MixedLengths { get; } =
        [1, 2, 3, 5, 8, 12, 1, 7, 4, 9, 2, 11, 6, 3, 1, 10, 5, 60, 8, 2, 12, 4, 7, 1, 3, 9, 6, 110, 10, 5, 4, 9];

    /// <summary>The float64 reference statistics of this problem.</summary>
    public HmmStatistics Reference() => ReferenceHmmEStep.Compute(Partition, Parameters, CancellationToken.None);

    /// <summary>The statistics <paramref name="estep"/> computes for this problem.</summary>
    public HmmStatistics On(IPartitionEStep estep) =>
        Assert.IsType<HmmStatistics>(estep.Compute(Parameters, CancellationToken.None));

    public static HmmCase Gaussian(
        HmmEmission kind, int states, int features, int[]? lengths, int seed, double offset = 0)
    {
        var truth = SyntheticHmms.Gaussian(states, features, kind.CovarianceType(), seed);
        var random = new Random(seed + 1);
        var means = truth.Means.Select(m => m + offset + (0.5 * Normal(random))).ToArray();
        var covariances = truth.Covariances.Select(c => 2.5 * c).ToArray();
        var blurred = HmmParameters.CreateGaussian(
            kind.CovarianceType(), Mixed(truth.StartProbabilities, states), Mixed(truth.Transitions, states), means,
            covariances, features);
        var sample = HmmSampler.Sample(truth, lengths ?? MixedLengths, seed + 2);
        var rows = sample.Observations.Select(x => x + offset).ToArray();
        return new HmmCase(PartitionOf(rows, features, lengths is null ? null : sample.Lengths), blurred);
    }

    public static HmmCase Categorical(int states, int symbols, int[] lengths, int seed)
    {
        var truth = SyntheticHmms.Categorical(states, symbols, seed);
        var blurred = HmmParameters.CreateCategorical(
            Mixed(truth.StartProbabilities, states), Mixed(truth.Transitions, states),
            Mixed(truth.EmissionProbabilities, symbols), symbols);
        var sample = HmmSampler.Sample(truth, lengths, seed + 2);
        return new HmmCase(PartitionOf(sample.Observations, 1, sample.Lengths), blurred);
    }

    /// <summary>
    /// A left-to-right model with structural zeros: π = (1, 0, …), A upper-bidiagonal (state s stays or moves to
    /// s + 1; the last state is absorbing) and, for categorical emissions, zeros in B; the data drawn from it.
    /// </summary>
    public static HmmCase LeftToRight(HmmEmission kind, int states, int[] lengths, int seed)
    {
        var start = new double[states];
        start[0] = 1;
        var transitions = new double[states * states];
        for (var s = 0; s < states; s++)
        {
            var stay = s == states - 1 ? 1.0 : 0.8;
            transitions[(s * states) + s] = stay;
            if (s + 1 < states)
            {
                transitions[(s * states) + s + 1] = 1 - stay;
            }
        }

        HmmParameters model;
        if (kind == HmmEmission.Categorical)
        {
            // State s emits symbols s and s + 1 only (M = S + 1).
            var table = new double[states * (states + 1)];
            for (var s = 0; s < states; s++)
            {
                table[(s * (states + 1)) + s] = 0.6;
                table[(s * (states + 1)) + s + 1] = 0.4;
            }

            model = HmmParameters.CreateCategorical(start, transitions, table, states + 1);
        }
        else
        {
            var truth = SyntheticHmms.Gaussian(states, 2, kind.CovarianceType(), seed);
            model = HmmParameters.CreateGaussian(
                kind.CovarianceType(), start, transitions, truth.Means.ToArray(), truth.Covariances.ToArray(), 2);
        }

        var sample = HmmSampler.Sample(model, lengths, seed + 2);
        return new HmmCase(PartitionOf(sample.Observations, sample.Features, sample.Lengths), model);
    }

    private static DataPartition PartitionOf(double[] rows, int features, IReadOnlyList<int>? lengths) =>
        new(0, new ArrayRowSource(rows, features, "x.npy"), SequenceLengths: lengths);

    /// <summary>0.7·p + 0.3·uniform, row by row (rows of <paramref name="width"/>).</summary>
    private static double[] Mixed(IEnumerable<double> p, int width) =>
        p.Select(v => (0.7 * v) + (0.3 / width)).ToArray();

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
