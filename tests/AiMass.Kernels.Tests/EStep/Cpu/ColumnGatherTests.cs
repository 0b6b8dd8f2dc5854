using AiMass.Kernels.EStep.Cpu;
using Xunit;

namespace AiMass.Kernels.Tests.EStep.Cpu;

public sealed class ColumnGatherTests
{
    private const int Tile = MixtureLayout.TileRows;

    [AvxTheory]
    [InlineData(1, 8)]
    [InlineData(8, 8)]
    [InlineData(13, 16)]
    [InlineData(16, 16)]
    [InlineData(33, 48)]
    public void The_float32_shuffles_transpose_every_element_and_write_no_column_past_D(int d, int dp)
    {
        var (rows, columns) = Tiles<float>(d, dp, (t, j) => (t * 1000f) + j);
        ColumnGather.Transpose(ref rows[0], d, dp, ref columns[0]);
        Check(rows, columns, d, dp);
    }

    [AvxTheory]
    [InlineData(1, 4)]
    [InlineData(4, 4)]
    [InlineData(13, 16)]
    [InlineData(16, 16)]
    [InlineData(33, 40)]
    public void The_float64_shuffles_transpose_every_element_and_write_no_column_past_D(int d, int dp)
    {
        var (rows, columns) = Tiles<double>(d, dp, (t, j) => (t * 1000.0) + j + 0.25);
        ColumnGather.Transpose(ref rows[0], d, dp, ref columns[0]);
        Check(rows, columns, d, dp);
    }

    private static (T[] Rows, T[] Columns) Tiles<T>(int d, int dp, Func<int, int, T> value)
        where T : unmanaged
    {
        var rows = new T[Tile * dp];
        for (var t = 0; t < Tile; t++)
        {
            for (var j = 0; j < dp; j++)
            {
                rows[(t * dp) + j] = value(t, j);
            }
        }

        var height = MixtureLayout.RoundUp(d, 8);
        return (rows, new T[(height + 1) * Tile]);
    }

    private static void Check<T>(T[] rows, T[] columns, int d, int dp)
        where T : unmanaged, IEquatable<T>
    {
        for (var j = 0; j < d; j++)
        {
            for (var t = 0; t < Tile; t++)
            {
                Assert.Equal(rows[(t * dp) + j], columns[(j * Tile) + t]);
            }
        }

        // Columns D and up keep their zeros: a tile's padding stays what the kernels expect.
        Assert.All(columns.Skip(d * Tile), value => Assert.Equal(default, value));
    }
}
