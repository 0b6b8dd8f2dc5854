using AiMass.Kernels.EStep.Cpu;

namespace AiMass.Kernels.Tests.EStep.Cpu;

public sealed class HmmBlockPlanTests
{
    [Fact]
    public void Blocks_cover_every_sequence_once_with_its_first_row_and_come_in_increasing_size()
    {
        int[] lengths =
            [.. HmmCpuFixture.Lengths(300, 2000, seed: 1), 50_000, .. HmmCpuFixture.Lengths(40, 30, seed: 2)];
        var plan = HmmBlockPlan.Create(lengths);
        var starts = new long[lengths.Length + 1];
        for (var i = 0; i < lengths.Length; i++)
        {
            starts[i + 1] = starts[i] + lengths[i];
        }

        var seen = new int[lengths.Length];
        var previousRows = 0L;
        for (var b = 0; b < plan.Count; b++)
        {
            var (first, count, row) = plan.Block(b);
            Assert.Equal(starts[first], row);
            var rows = starts[first + count] - starts[first];
            Assert.True(rows >= HmmBlockPlan.TargetRows || first + count == lengths.Length, $"block {b}: {rows} rows");
            Assert.True(rows >= previousRows, $"block {b} ({rows} rows) is smaller than the one before");
            previousRows = rows;
            for (var i = first; i < first + count; i++)
            {
                seen[i]++;
            }
        }

        Assert.All(seen, n => Assert.Equal(1, n));
        var (lastFirst, lastCount, _) = plan.Block(plan.Count - 1);
        Assert.InRange(300, lastFirst, lastFirst + lastCount - 1); // the block with the 50,000 steps runs last
    }

    [Fact]
    public void A_partition_without_sequences_has_no_blocks() => Assert.Equal(0, HmmBlockPlan.Create([]).Count);
}
