using AiMass.Kernels.Data;
using AiMass.Kernels.Init;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Tests.Support;

namespace AiMass.Kernels.Tests.Mixture;

public sealed class GaussianMixtureStatisticsTests
{
    private const int D = 3;

    public static TheoryData<CovarianceType> Types() =>
        [CovarianceType.Full, CovarianceType.Tied, CovarianceType.Diag, CovarianceType.Spherical];

    [Theory]
    [MemberData(nameof(Types))]
    public void Statistics_of_a_random_split_add_up_to_those_of_the_whole(CovarianceType type)
    {
        var x = SyntheticData.Blobs(500, D, 3, seed: 1);
        var parameters = InitialModel(x, type);
        var whole = Compute(x, null, parameters);
        var cut = new Random(7).Next(1, 499);
        var a = Compute(x[..(cut * D)], null, parameters);
        var b = Compute(x[(cut * D)..], null, parameters);
        var sum = (GaussianMixtureStatistics)a.Add(b);

        Compare.Close("N", sum.N, whole.N, 1e-12);
        Compare.Close("S1", sum.S1, whole.S1, 1e-12);
        Compare.Close("S2", sum.S2, whole.S2, 1e-12);
        Compare.Close("log-likelihood", sum.LogLikelihood, whole.LogLikelihood, 1e-12);
        Assert.Equal(whole.Rows, sum.Rows);
        Assert.Equal(whole.Weight, sum.Weight);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void A_weight_of_two_equals_a_duplicated_row(CovarianceType type)
    {
        var x = SyntheticData.Blobs(60, D, 2, seed: 2);
        var parameters = InitialModel(x, type);
        var weights = Enumerable.Repeat(1.0, 60).ToArray();
        weights[17] = 2;
        var duplicated = x.Concat(x.AsSpan(17 * D, D).ToArray()).ToArray();

        var weighted = Compute(x, weights, parameters);
        var repeated = Compute(duplicated, null, parameters);

        Compare.Close("N", weighted.N, repeated.N, 1e-12);
        Compare.Close("S1", weighted.S1, repeated.S1, 1e-12);
        Compare.Close("S2", weighted.S2, repeated.S2, 1e-12);
        Compare.Close("log-likelihood", weighted.LogLikelihood, repeated.LogLikelihood, 1e-12);
        Assert.Equal(61.0, weighted.Weight);
    }

    [Fact]
    public void Rows_of_weight_zero_change_nothing_but_the_row_count()
    {
        var x = SyntheticData.Blobs(40, D, 2, seed: 3);
        var parameters = InitialModel(x, CovarianceType.Full);
        var weights = Enumerable.Repeat(1.0, 40).ToArray();
        weights[5] = 0;
        var without = x[..(5 * D)].Concat(x[(6 * D)..]).ToArray();

        var weighted = Compute(x, weights, parameters);
        var dropped = Compute(without, null, parameters);

        Compare.Close("S2", weighted.S2, dropped.S2, 1e-12);
        Assert.Equal(40, weighted.Rows);
        Assert.Equal(39.0, weighted.Weight);
    }

    [Fact]
    public void Adding_statistics_of_another_shape_is_refused()
    {
        var full = GaussianMixtureStatistics.Zero(CovarianceType.Full, 2, D);
        var diag = GaussianMixtureStatistics.Zero(CovarianceType.Diag, 2, D);
        Assert.Throws<ArgumentException>(() => full.Add(diag));
    }

    internal static GaussianMixtureParameters InitialModel(double[] x, CovarianceType type, int k = 3) =>
        GaussianMixtureInitializer.Create(
            new RowSample(x, Enumerable.Repeat(1.0, x.Length / D).ToArray(), D), k, type, 1e-6,
            InitMethod.KMeansPlusPlus, seed: 0, initIndex: 0);

    private static GaussianMixtureStatistics Compute(double[] x, double[]? weights, GaussianMixtureParameters p) =>
        ReferenceGaussianMixtureEStep.Compute(
            new DataPartition(0, new ArrayRowSource(x, D), weights is null ? null : new ArrayRowSource(weights, 1)),
            p, CancellationToken.None);
}
