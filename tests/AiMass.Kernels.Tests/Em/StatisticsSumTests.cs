using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Tests.Hmm;
using AiMass.Kernels.Tests.Mixture;
using AiMass.Kernels.Tests.Support;

namespace AiMass.Kernels.Tests.Em;

public sealed class StatisticsSumTests
{
    public static TheoryData<CovarianceType> Types() =>
        [CovarianceType.Full, CovarianceType.Tied, CovarianceType.Diag, CovarianceType.Spherical];

    public static TheoryData<HmmEmission> Kinds() =>
        [HmmEmission.GaussianFull, HmmEmission.GaussianDiag, HmmEmission.Categorical];

    [Theory]
    [MemberData(nameof(Types))]
    public void Mixture_totals_have_the_same_bits_in_any_order_and_grouping(CovarianceType type)
    {
        var parts = MixtureParts(type, partitions: 9);
        var expected = Bits(StatisticsSum.Of(parts));

        var random = new Random(3);
        for (var trial = 0; trial < 10; trial++)
        {
            Assert.Equal(expected, Bits(StatisticsSum.Of(parts.OrderBy(_ => random.Next()).ToArray())));
            Assert.Equal(expected, Bits(Grouped(parts, random)));
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void A_mixture_total_agrees_with_plain_addition_and_keeps_its_shape(CovarianceType type)
    {
        var parts = MixtureParts(type, partitions: 5);
        var plain = (GaussianMixtureStatistics)SufficientStatistics.Sum(parts);
        var total = (GaussianMixtureStatistics)StatisticsSum.Of(parts);

        Assert.Equal(plain.Rows, total.Rows);
        Compare.Close("N", total.N, plain.N, 1e-14);
        Compare.Close("S2", total.S2, plain.S2, 1e-13);
        Compare.Close("log-likelihood", total.LogLikelihood, plain.LogLikelihood, 1e-14);
        Assert.Equal(plain.Weight, total.Weight, 1e-12);
        Assert.Equal(plain.S2.Length, total.S2.Length);
        if (type is CovarianceType.Full or CovarianceType.Tied)
        {
            Assert.Equal(total.S2[1], total.S2[3]); // [0,1] mirrors [1,0] (D = 3)
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Hmm_totals_have_the_same_bits_in_any_order_and_grouping_and_agree_with_plain_addition(
        HmmEmission kind)
    {
        var parts = HmmParts(kind);
        var expected = Bits(StatisticsSum.Of(parts));
        var random = new Random(4);
        for (var trial = 0; trial < 10; trial++)
        {
            Assert.Equal(expected, Bits(StatisticsSum.Of(parts.OrderBy(_ => random.Next()).ToArray())));
            Assert.Equal(expected, Bits(Grouped(parts, random)));
        }

        var plain = (HmmStatistics)SufficientStatistics.Sum(parts);
        var total = (HmmStatistics)StatisticsSum.Of(parts);
        Assert.Equal((plain.Rows, plain.Sequences), (total.Rows, total.Sequences));
        Compare.Close("transitions", total.Transitions, plain.Transitions, 1e-13);
        Compare.Close("posterior", total.Posterior, plain.Posterior, 1e-13);
        Compare.Close("counts", total.Counts, plain.Counts, 1e-13);
        Compare.Close("S2", total.S2, plain.S2, 1e-12);
    }

    [Fact]
    public void Statistics_of_another_shape_are_refused()
    {
        var sum = new StatisticsSum(new GaussianMixtureStatisticsLayout(CovarianceType.Full, 2, 3));
        var e = Assert.Throws<ArgumentException>(() => sum.Add(GaussianMixtureStatistics.Zero(CovarianceType.Diag, 2, 3)));
        Assert.StartsWith("Statistics of shape GaussianMixtureStatisticsLayout", e.Message, StringComparison.Ordinal);
    }

    private static GaussianMixtureStatistics[] MixtureParts(CovarianceType type, int partitions)
    {
        const int d = 3;
        var x = SyntheticData.Blobs(900, d, 3, seed: 8);
        var parameters = GaussianMixtureStatisticsTests.InitialModel(x, type);
        var rows = new ArrayRowSource(x, d);
        return Enumerable.Range(0, partitions)
            .Select(p => ReferenceGaussianMixtureEStep.Compute(
                new DataPartition(p, new RowSlice(rows, p * 100, 100)), parameters, CancellationToken.None))
            .ToArray();
    }

    private static HmmStatistics[] HmmParts(HmmEmission kind)
    {
        var initial = TestModels.Perturbed(kind);
        return Enumerable.Range(0, 6)
            .Select(p => ReferenceHmmEStep.Compute(
                TestModels.Partition(TestModels.Gaussian(kind), [20 + p, 35, 7 * p + 1], seed: 40 + p), initial,
                CancellationToken.None))
            .ToArray();
    }

    /// <summary>Sums random groups of the parts, then merges the group totals in random order.</summary>
    private static SufficientStatistics Grouped(IReadOnlyList<SufficientStatistics> parts, Random random)
    {
        var groups = new List<StatisticsSum>();
        foreach (var part in parts.OrderBy(_ => random.Next()))
        {
            if (groups.Count == 0 || random.Next(3) == 0)
            {
                groups.Add(new StatisticsSum(part.Layout));
            }

            groups[random.Next(groups.Count)].Add(part);
        }

        var total = new StatisticsSum(parts[0].Layout);
        foreach (var group in groups.OrderBy(_ => random.Next()))
        {
            total.Merge(group);
        }

        return total.Total();
    }

    private static string Bits(SufficientStatistics statistics)
    {
        var sums = new ReproducibleSums(statistics.Layout.Length);
        statistics.Layout.Deposit(statistics, sums);
        var values = new double[sums.Length];
        sums.CopyTo(0, values);
        return string.Join(',', values.Select(v => BitConverter.DoubleToInt64Bits(v).ToString("x16")))
            + $"|{statistics.Rows}";
    }
}
