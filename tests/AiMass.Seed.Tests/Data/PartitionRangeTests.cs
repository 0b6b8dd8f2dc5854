using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Seed.Data;
using Xunit;

namespace AiMass.Seed.Tests.Data;

public sealed class PartitionRangeTests
{
    private static readonly int[] Lengths = [3, 5, 2, 4, 6];

    private static ArrayRowSource Data(int rows, int features, string name) =>
        new(Enumerable.Range(0, rows * features).Select(i => (double)i).ToArray(), features, name);

    [Fact]
    public void A_sequence_partition_slices_rows_weights_and_lengths()
    {
        var data = Data(20, 2, "x.npy");
        var weights = Data(20, 1, "w.npy");
        var range = PartitionPlan.ForSequences(Lengths, 2)[1];
        var partition = range.Slice(data, weights, Lengths);

        Assert.Equal(1, partition.Index);
        Assert.Equal(10, partition.RowCount);
        Assert.Equal(10, Assert.IsType<RowSlice>(partition.Rows).FirstRow);
        Assert.Equal([4, 6], partition.SequenceLengths);
        var rows = new double[4];
        partition.Rows.Read(0, 2, rows);
        Assert.Equal([20.0, 21, 22, 23], rows);
        var w = new double[1];
        partition.Weights!.Read(9, 1, w);
        Assert.Equal(19.0, w[0]);
    }

    [Fact]
    public void A_row_partition_without_weights_or_lengths_has_neither()
    {
        var partition = PartitionPlan.ForRows(20, 3)[2].Slice(Data(20, 2, "x.npy"));
        Assert.Null(partition.Weights);
        Assert.Null(partition.SequenceLengths);
        Assert.Equal(6, partition.RowCount);
    }

    [Fact]
    public void A_plan_for_other_data_is_refused()
    {
        var range = PartitionPlan.ForRows(20, 2)[1];
        Assert.Equal("partition 1 needs rows up to 20 but x.npy has 15; plan the partitions for this file",
            Assert.Throws<InvalidInputException>(() => range.Slice(Data(15, 1, "x.npy"))).Message);
        Assert.Equal("partition 1 was not planned for these 5 sequences; plan the partitions with the sequence lengths",
            Assert.Throws<InvalidInputException>(() => range.Slice(Data(20, 1, "x.npy"), null, Lengths)).Message);
        var sequences = PartitionPlan.ForSequences(Lengths, 2)[0];
        Assert.Equal("partition 0 has 10 rows but its 3 sequences add up to 11; "
            + "plan the partitions with these sequence lengths",
            Assert.Throws<InvalidInputException>(
                () => sequences.Slice(Data(21, 1, "x.npy"), null, [3, 5, 3, 4, 6])).Message);
    }
}
