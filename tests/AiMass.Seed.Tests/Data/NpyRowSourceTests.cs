using AiMass.Seed.Data;
using Xunit;

namespace AiMass.Seed.Tests.Data;

public sealed class NpyRowSourceTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>The fixtures' grid formula: (r·cols + c)·0.25 − 1.5, exact in float32 and float64.</summary>
    private static double Grid(int r, int c, int cols) => ((r * cols) + c) * 0.25 - 1.5;

    private static double[] ReadAll(NpyRowSource source)
    {
        var values = new double[source.Rows * source.Features];
        source.Read(0, (int)source.Rows, values);
        return values;
    }

    [Theory]
    [InlineData("f8_4x3.npy", 1, NpyDataType.Float64)]
    [InlineData("f4_4x3.npy", 1, NpyDataType.Float32)]
    [InlineData("f8_4x3_v2.npy", 2, NpyDataType.Float64)]
    [InlineData("f8_4x3_v3.npy", 3, NpyDataType.Float64)]
    public void Numpy_files_of_every_version_read_back_the_grid(string name, int version, NpyDataType type)
    {
        using var source = new NpyRowSource(TempFiles.Fixture(name));
        Assert.Equal((4L, 3), (source.Rows, source.Features));
        Assert.Equal(version, source.Header.MajorVersion);
        Assert.Equal(type, source.Header.DataType);
        Assert.False(source.Header.IsOneDimensional);
        var values = ReadAll(source);
        for (var r = 0; r < 4; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                Assert.Equal(Grid(r, c, 3), values[(r * 3) + c]);
            }
        }
    }

    [Fact]
    public void A_numpy_int32_vector_is_one_feature_per_row()
    {
        using var source = new NpyRowSource(TempFiles.Fixture("i4_5.npy"));
        Assert.True(source.Header.IsOneDimensional);
        Assert.Equal((5L, 1), (source.Rows, source.Features));
        Assert.Equal([-4.0, -1, 2, 5, 8], ReadAll(source));
        var floats = new float[5];
        source.Read(0, 5, floats);
        Assert.Equal([-4f, -1, 2, 5, 8], floats);
    }

    [Fact]
    public void A_numpy_int64_matrix_converts_exactly()
    {
        using var source = new NpyRowSource(TempFiles.Fixture("i8_3x2.npy"));
        var expected = Enumerable.Range(0, 6).Select(i => (i * 1000000007.0) - 5).ToArray();
        Assert.Equal(expected, ReadAll(source));
    }

    [Fact]
    public void Float64_reads_as_float32_round_to_nearest_and_float32_widens_exactly()
    {
        using var f8 = new NpyRowSource(TempFiles.Fixture("f8_7.npy"));
        using var f4 = new NpyRowSource(TempFiles.Fixture("f4_7.npy"));
        var narrowed = new float[7];
        var widened = new double[7];
        f8.Read(0, 7, narrowed);
        f4.Read(0, 7, widened);
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal((float)(i * 0.1), narrowed[i]);
            Assert.Equal((double)(float)(i * 0.1), widened[i]);
        }
    }

    [Fact]
    public void A_row_range_in_the_middle_reads_those_rows_only()
    {
        var path = _files.PathOf("mid.npy");
        var values = Enumerable.Range(0, 1000 * 7).Select(i => i * 0.5f).ToArray();
        using (var writer = NpyWriter.Create(path, NpyDataType.Float32, 1000, 7))
        {
            writer.WriteRows(values);
            writer.Complete();
        }

        using var source = new NpyRowSource(path);
        var doubles = new double[37 * 7];
        var floats = new float[37 * 7];
        source.Read(501, 37, doubles);
        source.Read(501, 37, floats);
        Assert.Equal(values.Skip(501 * 7).Take(37 * 7).Select(v => (double)v), doubles);
        Assert.Equal(values.Skip(501 * 7).Take(37 * 7), floats);
    }

    [Fact]
    public void A_version_2_header_longer_than_64_KiB_is_read()
    {
        var dict = NpyBytes.Dict("<f8", "(2, 2)") + new string(' ', 70_000);
        var path = _files.Bytes("long.npy", NpyBytes.File(2, dict, NpyBytes.Of(1.0, 2, 3, 4)));
        using var source = new NpyRowSource(path);
        Assert.Equal(2, source.Header.MajorVersion);
        Assert.Equal([1.0, 2, 3, 4], ReadAll(source));
    }

    [Fact]
    public void A_version_3_header_in_utf8_with_double_quotes_and_python2_longs_is_read()
    {
        var dict = "{\"descr\": \"<i8\", \"fortran_order\": False, \"shape\": (3L, 1L), 'note': 'données'}";
        var path = _files.Bytes("v3.npy", NpyBytes.File(3, dict, NpyBytes.Of(7L, -8L, 9L)));
        using var source = new NpyRowSource(path);
        Assert.Equal((3, NpyDataType.Int64, 3L, 1), (source.Header.MajorVersion, source.Header.DataType,
            source.Rows, source.Features));
        Assert.Equal([7.0, -8, 9], ReadAll(source));
    }

    [Fact]
    public void Fortran_order_with_a_single_column_is_the_same_layout_and_is_accepted()
    {
        var path = _files.Bytes("col.npy", NpyBytes.File(1, NpyBytes.Dict("<f4", "(3, 1)", fortran: true),
            NpyBytes.Of(1f, 2f, 3f)));
        using var source = new NpyRowSource(path);
        Assert.Equal([1.0, 2, 3], ReadAll(source));
    }

    [Fact]
    public void Rows_beyond_4_GiB_into_a_sparse_file_are_addressed_exactly()
    {
        // 700 million float64 rows = 5.6 GB, written as a sparse file (only the header and the last row use disk).
        const long rows = 700_000_000;
        var path = _files.PathOf("sparse.npy");
        var header = NpyHeader.Encode(NpyDataType.Float64, rows, 1, oneDimensional: true);
        using (var stream = File.Create(path))
        {
            stream.Write(header);
            stream.SetLength(header.Length + (rows * 8));
            stream.Position = header.Length + ((rows - 1) * 8);
            stream.Write(BitConverter.GetBytes(-2.75));
        }

        using var source = new NpyRowSource(path);
        Assert.Equal(rows, source.Rows);
        var last = new double[2];
        source.Read(rows - 2, 2, last);
        Assert.Equal([0.0, -2.75], last);
    }

    [Fact]
    public void Two_readers_can_map_the_same_file_at_once()
    {
        var path = TempFiles.Fixture("f8_4x3.npy");
        using var first = new NpyRowSource(path);
        using var second = new NpyRowSource(path);
        Assert.Equal(ReadAll(first), ReadAll(second));
    }

    [Fact]
    public void Reading_after_dispose_throws()
    {
        var source = new NpyRowSource(TempFiles.Fixture("f8_4x3.npy"));
        source.Dispose();
        source.Dispose();
        Assert.Throws<ObjectDisposedException>(() => source.Read(0, 1, new double[3]));
    }

    [Fact]
    public void Rows_outside_the_file_are_an_argument_error()
    {
        using var source = new NpyRowSource(TempFiles.Fixture("f8_4x3.npy"));
        Assert.Throws<ArgumentOutOfRangeException>(() => source.Read(3, 2, new double[6]));
        Assert.Throws<ArgumentException>(() => source.Read(0, 2, new double[5]));
    }
}
