using AiMass.Kernels.Data;
using AiMass.Kernels.EStep.Gpu;
using Xunit;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>How sequences are cut into device chunks and workspace batches; pure arithmetic, no accelerator.</summary>
public sealed class HmmLayoutTests
{
    [Fact]
    public void Chunks_of_a_sequence_partition_end_at_sequence_boundaries()
    {
        var cuts = ChunkCuts.Cut(Partition(20, [5, 7, 3, 2, 3]), chunkRows: 10).ToArray();
        Assert.Equal([(0L, 5), (5L, 10), (15L, 5)], cuts);
    }

    [Fact]
    public void A_sequence_longer_than_a_chunk_gets_a_chunk_of_its_own()
    {
        var cuts = ChunkCuts.Cut(Partition(32, [2, 25, 5]), chunkRows: 10).ToArray();
        Assert.Equal([(0L, 2), (2L, 25), (27L, 5)], cuts);
    }

    [Fact]
    public void Rows_without_valid_lengths_are_cut_every_chunk_rows()
    {
        Assert.Equal([(0L, 10), (10L, 10), (20L, 5)], ChunkCuts.Cut(Partition(25, null), 10).ToArray());
        Assert.Equal([(0L, 10), (10L, 10), (20L, 5)], ChunkCuts.Cut(Partition(25, [20, 4]), 10).ToArray());
    }

    [Fact]
    public void Batches_pack_whole_sequences_up_to_the_workspace_and_a_longer_one_alone()
    {
        int[] offsets = [0, 4, 10, 40, 43, 45, 50];
        Assert.Equal(
            [new HmmBatch(0, 2, 0, 10), new HmmBatch(2, 1, 10, 30), new HmmBatch(3, 3, 40, 10)],
            HmmBatch.Cut(offsets, workspaceRows: 12));
        Assert.Equal([new HmmBatch(0, 6, 0, 50)], HmmBatch.Cut(offsets, workspaceRows: 50));
        Assert.Empty(HmmBatch.Cut([0], workspaceRows: 8));
    }

    private static DataPartition Partition(int rows, int[]? lengths) =>
        new(0, new ArrayRowSource(new double[rows * 2], 2, "x.npy"), SequenceLengths: lengths);
}
