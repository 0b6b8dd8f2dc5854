using AiMass.Kernels;
using AiMass.Seed.Data;
using Xunit;

namespace AiMass.Seed.Tests.Data;

public sealed class PartitionPlanTests
{
    private static void AssertContiguous(PartitionPlan plan)
    {
        long next = 0;
        var sequence = 0;
        for (var i = 0; i < plan.Count; i++)
        {
            Assert.Equal(i, plan[i].Index);
            Assert.Equal(next, plan[i].FirstRow);
            Assert.True(plan[i].RowCount >= 1);
            Assert.Equal(sequence, plan[i].FirstSequence);
            next = plan[i].EndRow;
            sequence += plan[i].SequenceCount;
        }

        Assert.Equal(plan.TotalRows, next);
    }

    [Fact]
    public void Rows_split_into_sizes_that_differ_by_at_most_one_with_the_extra_rows_first()
    {
        var plan = PartitionPlan.ForRows(10, 3);
        Assert.Equal([4L, 3, 3], plan.Select(p => p.RowCount));
        Assert.Equal([0L, 4, 7], plan.Select(p => p.FirstRow));
        Assert.All(plan, p => Assert.Equal((0, 0), (p.FirstSequence, p.SequenceCount)));
        for (long rows = 1; rows <= 60; rows++)
        {
            for (var partitions = 1; partitions <= Math.Min(rows, 13); partitions++)
            {
                var sizes = PartitionPlan.ForRows(rows, partitions).Select(p => p.RowCount).ToArray();
                AssertContiguous(PartitionPlan.ForRows(rows, partitions));
                Assert.True(sizes.Max() - sizes.Min() <= 1);
                Assert.Equal(sizes.OrderDescending(), sizes);
            }
        }
    }

    [Fact]
    public void A_trillion_rows_split_without_overflow()
    {
        var plan = PartitionPlan.ForRows(1_000_000_000_003, 7);
        Assert.Equal(1_000_000_000_003, plan.Sum(p => p.RowCount));
        Assert.Equal(142_857_142_858, plan[0].RowCount);
        Assert.Equal(142_857_142_857, plan[6].RowCount);
    }

    [Theory]
    [InlineData(5, 8, "--partitions 8 is more than the 5 rows; use at most 5")]
    [InlineData(5, 0, "--partitions 0 is too small; use at least 1")]
    public void Impossible_row_partitions_are_refused(long rows, int partitions, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => PartitionPlan.ForRows(rows, partitions));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Sequences_are_cut_at_the_boundary_nearest_the_ideal_row()
    {
        // Boundaries 0, 3, 8, 10, 14, 20; ideal cut at 10.
        var plan = PartitionPlan.ForSequences([3, 5, 2, 4, 6], 2);
        Assert.Equal([new PartitionRange(0, 0, 10, 0, 3), new PartitionRange(1, 10, 10, 3, 2)], plan);
    }

    [Fact]
    public void A_long_first_sequence_still_leaves_every_partition_a_sequence()
    {
        // Ideal cuts 34.3 and 68.7 are both nearest to boundary 0 or 100; they move right to keep partitions non-empty.
        var plan = PartitionPlan.ForSequences([100, 1, 1, 1], 3);
        Assert.Equal(
            [
                new PartitionRange(0, 0, 100, 0, 1),
                new PartitionRange(1, 100, 1, 1, 1),
                new PartitionRange(2, 101, 2, 2, 2),
            ],
            plan);
    }

    [Fact]
    public void Random_sequence_plans_follow_the_nearest_boundary_rule_and_stay_balanced()
    {
        var random = new Random(2024);
        for (var trial = 0; trial < 300; trial++)
        {
            var lengths = Enumerable.Range(0, random.Next(1, 80)).Select(_ => random.Next(1, 51)).ToArray();
            var partitions = random.Next(1, lengths.Length + 1);
            var plan = PartitionPlan.ForSequences(lengths, partitions);
            AssertContiguous(plan);
            Assert.Equal(partitions, plan.Count);
            Assert.Equal(lengths.Sum(), plan.TotalRows);
            var cuts = LinearScanCuts(lengths, partitions);
            Assert.Equal(cuts, plan.Skip(1).Select(p => p.FirstSequence));
            foreach (var p in plan)
            {
                // Sequences are whole: the partition's rows are exactly its sequences' rows.
                Assert.Equal(p.RowCount, lengths.Skip(p.FirstSequence).Take(p.SequenceCount).Sum());
            }
        }
    }

    [Fact]
    public void Without_crowding_every_cut_is_within_half_the_longest_sequence_of_its_ideal_row()
    {
        var random = new Random(7);
        var lengths = Enumerable.Range(0, 5000).Select(_ => random.Next(1, 200)).ToArray();
        var total = lengths.Sum();
        var plan = PartitionPlan.ForSequences(lengths, 16);
        for (var i = 1; i < plan.Count; i++)
        {
            var ideal = (double)i * total / plan.Count;
            Assert.True(Math.Abs(plan[i].FirstRow - ideal) <= lengths.Max() / 2.0);
        }
    }

    [Fact]
    public void Unit_length_sequences_balance_like_rows()
    {
        var plan = PartitionPlan.ForSequences(Enumerable.Repeat(1, 10).ToArray(), 4);
        Assert.Equal([2L, 3, 2, 3], plan.Select(p => p.RowCount));
    }

    [Fact]
    public void More_partitions_than_sequences_are_refused()
    {
        var error = Assert.Throws<InvalidInputException>(() => PartitionPlan.ForSequences([1, 2, 3, 4, 5], 8));
        Assert.Equal("--partitions 8 is more than the 5 sequences; use at most 5", error.Message);
    }

    /// <summary>The rule, computed independently by scanning every allowed boundary: cut i is the boundary j in
    /// [previous + 1, S − (P − i)] minimising |P·ends[j] − i·N|, the smallest j on a tie.</summary>
    private static int[] LinearScanCuts(int[] lengths, int partitions)
    {
        var ends = new long[lengths.Length + 1];
        for (var j = 0; j < lengths.Length; j++)
        {
            ends[j + 1] = ends[j] + lengths[j];
        }

        var cuts = new int[partitions - 1];
        var previous = 0;
        for (var i = 1; i < partitions; i++)
        {
            var best = -1;
            for (var j = previous + 1; j <= lengths.Length - (partitions - i); j++)
            {
                var distance = Math.Abs((partitions * ends[j]) - (i * ends[^1]));
                if (best < 0 || distance < Math.Abs((partitions * ends[best]) - (i * ends[^1])))
                {
                    best = j;
                }
            }

            cuts[i - 1] = previous = best;
        }

        return cuts;
    }
}
