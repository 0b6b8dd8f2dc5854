using AiMass.Kernels;
using AiMass.Seed.Data;
using Xunit;

namespace AiMass.Seed.Tests.Data;

public sealed class NpyWriterTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static double[] Grid(int rows, int cols) =>
        Enumerable.Range(0, rows * cols).Select(i => (i * 0.25) - 1.5).ToArray();

    private static double[] ReadAll(string path)
    {
        using var source = new NpyRowSource(path);
        var values = new double[source.Rows * source.Features];
        source.Read(0, (int)source.Rows, values);
        return values;
    }

    [Fact]
    public void Files_are_byte_for_byte_what_numpy_save_writes()
    {
        var grid = Grid(4, 3);
        void Check(string fixture, NpyWriter writer, Action<NpyWriter> write)
        {
            write(writer);
            writer.Complete();
            writer.Dispose();
            Assert.Equal(File.ReadAllBytes(TempFiles.Fixture(fixture)), File.ReadAllBytes(writer.Path));
        }

        Check("f8_4x3.npy", NpyWriter.Create(_files.PathOf("a.npy"), NpyDataType.Float64, 4, 3),
            w => w.WriteRows(grid));
        Check("f4_4x3.npy", NpyWriter.Create(_files.PathOf("b.npy"), NpyDataType.Float32, 4, 3),
            w => w.WriteRows(grid));
        Check("i4_5.npy", NpyWriter.CreateVector(_files.PathOf("c.npy"), NpyDataType.Int32, 5),
            w => w.WriteRows([-4, -1, 2, 5, 8]));
        Check("i8_3x2.npy", NpyWriter.Create(_files.PathOf("d.npy"), NpyDataType.Int64, 3, 2),
            w => w.WriteRows(Enumerable.Range(0, 6).Select(i => (i * 1000000007L) - 5).ToArray()));
        Check("f8_7.npy", NpyWriter.CreateVector(_files.PathOf("e.npy"), NpyDataType.Float64, 7),
            w => w.WriteRows(Enumerable.Range(0, 7).Select(i => i * 0.1).ToArray()));
    }

    [Theory]
    [InlineData(NpyDataType.Float64, false)]
    [InlineData(NpyDataType.Float64, true)]
    [InlineData(NpyDataType.Float32, false)]
    [InlineData(NpyDataType.Float32, true)]
    [InlineData(NpyDataType.Int32, false)]
    [InlineData(NpyDataType.Int32, true)]
    [InlineData(NpyDataType.Int64, false)]
    [InlineData(NpyDataType.Int64, true)]
    public void Every_dtype_and_rank_round_trips(NpyDataType type, bool vector)
    {
        var random = new Random(42);
        int rows = 301, features = vector ? 1 : 5;
        var ints = Enumerable.Range(0, rows * features).Select(_ => random.Next(-1_000_000, 1_000_000)).ToArray();
        var path = _files.PathOf("r.npy");
        using (var writer = vector
                   ? NpyWriter.CreateVector(path, type, rows)
                   : NpyWriter.Create(path, type, rows, features))
        {
            // Uneven pieces: 100 rows, 1 row, 200 rows.
            var isFloat = type is NpyDataType.Float32 or NpyDataType.Float64;
            var values = isFloat ? ints.Select(i => i / 64.0).ToArray() : null;
            foreach (var (first, count) in new[] { (0, 100), (100, 1), (101, 200) })
            {
                if (values is null)
                {
                    writer.WriteRows(ints.AsSpan(first * features, count * features));
                }
                else
                {
                    writer.WriteRows(values.AsSpan(first * features, count * features));
                }
            }

            writer.Complete();
        }

        using var source = new NpyRowSource(path);
        Assert.Equal((type, vector, (long)rows, features),
            (source.Header.DataType, source.Header.IsOneDimensional, source.Rows, source.Features));
        var expected = type is NpyDataType.Float32 or NpyDataType.Float64
            ? ints.Select(i => i / 64.0) // multiples of 1/64 below 2^24 are exact in float32
            : ints.Select(i => (double)i);
        Assert.Equal(expected, ReadAll(path));
    }

    [Fact]
    public void A_stream_of_chunks_larger_than_the_buffer_is_written_in_order()
    {
        const int rows = 200_000, features = 3, chunk = 7_919;
        var path = _files.PathOf("big.npy");
        using (var writer = NpyWriter.Create(path, NpyDataType.Float32, rows, features))
        {
            var buffer = new float[chunk * features];
            for (var first = 0; first < rows; first += chunk)
            {
                var n = Math.Min(chunk, rows - first);
                for (var i = 0; i < n * features; i++)
                {
                    buffer[i] = ((first * features) + i) % 1000;
                }

                writer.WriteRows(buffer.AsSpan(0, n * features));
                Assert.Equal(first + n, writer.RowsWritten);
            }

            writer.Complete();
        }

        var values = ReadAll(path);
        Assert.Equal(rows * features, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(i % 1000, values[i]);
        }
    }

    [Fact]
    public void An_unfinished_file_is_deleted_and_completing_it_early_is_an_error()
    {
        var path = _files.PathOf("part.npy");
        var writer = NpyWriter.Create(path, NpyDataType.Float64, 3, 2);
        writer.WriteRows([1.0, 2]);
        Assert.True(File.Exists(path));
        var error = Assert.Throws<InvalidOperationException>(writer.Complete);
        Assert.Equal($"{path}: 1 of 3 rows were written; the file would be truncated.", error.Message);
        writer.Dispose();
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Rows_beyond_the_announced_shape_and_partial_rows_are_refused()
    {
        using var writer = NpyWriter.Create(_files.PathOf("x.npy"), NpyDataType.Float64, 1, 2);
        Assert.Throws<ArgumentException>(() => writer.WriteRows([1.0, 2, 3]));
        writer.WriteRows([1.0, 2]);
        Assert.Throws<InvalidOperationException>(() => writer.WriteRows([1.0, 2]));
    }

    [Fact]
    public void Integer_files_refuse_floats_and_check_overflow()
    {
        using var ints = NpyWriter.CreateVector(_files.PathOf("i.npy"), NpyDataType.Int32, 2);
        Assert.Throws<ArgumentException>(() => ints.WriteRows([1.0, 2.0]));
        Assert.Throws<OverflowException>(() => ints.WriteRows([1L, 1L << 40]));
    }

    [Fact]
    public void A_missing_output_directory_is_named()
    {
        var path = Path.Combine(_files.Directory, "no", "such", "out.npy");
        var error = Assert.Throws<InvalidInputException>(() => NpyWriter.Create(path, NpyDataType.Float64, 1, 1));
        Assert.Equal($"cannot write '{path}': the directory '{Path.Combine(_files.Directory, "no", "such")}' "
            + "does not exist; create it first", error.Message);
    }
}
