using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using Xunit;

namespace AiMass.Kernels.Tests.Hmm;

public sealed class HmmStatisticsTests
{
    public static TheoryData<HmmEmission> Kinds =>
        [HmmEmission.GaussianFull, HmmEmission.GaussianDiag, HmmEmission.Categorical];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Statistics_of_a_split_at_sequence_boundaries_add_up_to_the_whole(HmmEmission kind)
    {
        var model = TestModels.Gaussian(kind);
        int[] lengths = [40, 75, 13, 60, 1, 90];
        var whole = TestModels.Partition(model, lengths, seed: 5);
        var rows = (ArrayRowSource)whole.Rows;
        var initial = TestModels.Perturbed(kind);
        var total = ReferenceHmmEStep.Compute(whole, initial, CancellationToken.None);

        // Three partitions: sequences {0, 1}, {2, 3, 4}, {5}, as a cluster would cut them.
        int[][] groups = [[0, 1], [2, 3, 4], [5]];
        var parts = new List<SufficientStatistics>();
        long first = 0;
        foreach (var group in groups)
        {
            var groupLengths = group.Select(i => lengths[i]).ToArray();
            var count = groupLengths.Sum();
            var slice = new RowSlice(rows, first, count);
            parts.Add(ReferenceHmmEStep.Compute(
                new DataPartition(parts.Count, slice, SequenceLengths: groupLengths), initial, CancellationToken.None));
            first += count;
        }

        var sum = (HmmStatistics)SufficientStatistics.Sum(parts);
        Assert.Equal(total.Rows, sum.Rows);
        Assert.Equal(total.Sequences, sum.Sequences);
        Assertions.Close([total.LogLikelihood], [sum.LogLikelihood], 1e-12, "log-likelihood");
        Assertions.Close(total.Start, sum.Start, 1e-12, "start", 1e-300);
        Assertions.Close(total.Transitions, sum.Transitions, 1e-12, "transitions", 1e-300);
        Assertions.Close(total.Posterior, sum.Posterior, 1e-12, "posterior", 1e-300);
        Assertions.Close(total.S1, sum.S1, 1e-12, "S1", 1e-12 * Scale(total.S1));
        Assertions.Close(total.S2, sum.S2, 1e-12, "S2", 1e-300);
        Assertions.Close(total.Counts, sum.Counts, 1e-12, "counts", 1e-300);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Expected_counts_add_up_to_rows_sequences_and_transitions(HmmEmission kind)
    {
        int[] lengths = [30, 50, 20];
        var partition = TestModels.Partition(TestModels.Gaussian(kind), lengths, seed: 9);
        var stats = ReferenceHmmEStep.Compute(partition, TestModels.Perturbed(kind), CancellationToken.None);
        Assert.Equal(100, stats.Rows);
        Assert.Equal(100.0, stats.Weight);
        Assert.Equal(3, stats.Sequences);
        Assert.Equal(3.0, stats.Start.Sum(), 12);
        Assert.Equal(100.0, stats.Posterior.Sum(), 11);
        Assert.Equal(97.0, stats.Transitions.Sum(), 11);
        if (kind == HmmEmission.Categorical)
        {
            Assert.Equal(100.0, stats.Counts.Sum(), 11);
        }
    }

    [Fact]
    public void Statistics_of_different_shapes_cannot_be_added()
    {
        var diag = HmmStatistics.Zero(HmmEmission.GaussianDiag, 3, 2, 0);
        var full = HmmStatistics.Zero(HmmEmission.GaussianFull, 3, 2, 0);
        var e = Assert.Throws<ArgumentException>(() => diag.Add(full));
        Assert.StartsWith("Only statistics of the same HMM shape can be added.", e.Message, StringComparison.Ordinal);
    }

    /// <summary>S1 sums signed terms that cancel, so its error is judged against the largest entry.</summary>
    private static double Scale(double[] values) => values.Length == 0 ? 0 : values.Max(Math.Abs);
}
