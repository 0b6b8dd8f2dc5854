using AiMass.Kernels;
using AiMass.Seed.Data;
using Xunit;

namespace AiMass.Seed.Tests.Data;

public sealed class ArrayFileWriterTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static double[] ReadAll(Kernels.Data.IRowSource source)
    {
        var values = new double[source.Rows * source.Features];
        source.Read(0, (int)source.Rows, values);
        (source as IDisposable)?.Dispose();
        return values;
    }

    private static double[] LogLikelihoods()
    {
        var random = new Random(7);
        return Enumerable.Range(0, 50).Select(_ => -100 * random.NextDouble()).ToArray();
    }

    [Theory]
    [InlineData("ll.npy")]
    [InlineData("ll.csv")]
    public void Per_row_log_likelihoods_read_back_exactly(string name)
    {
        var path = _files.PathOf(name);
        var values = LogLikelihoods();
        ArrayFileWriter.Write(path, values);
        var back = DatasetReader.Open(path);
        Assert.Equal((50L, 1), (back.Rows, back.Features));
        Assert.Equal(values, ReadAll(back));
    }

    [Fact]
    public void Labels_are_written_as_int32()
    {
        var path = _files.PathOf("labels.npy");
        ArrayFileWriter.Write(path, [2, 0, 1, 1, 3]);
        using var source = new NpyRowSource(path);
        Assert.Equal((NpyDataType.Int32, true), (source.Header.DataType, source.Header.IsOneDimensional));
        Assert.Equal([2.0, 0, 1, 1, 3], ReadAll(source));
        var csv = _files.PathOf("labels.csv");
        ArrayFileWriter.Write(csv, [2, 0, 1, 1, 3]);
        Assert.Equal("2\n0\n1\n1\n3\n", File.ReadAllText(csv));
    }

    [Theory]
    [InlineData("p.npy")]
    [InlineData("p.csv")]
    public void Probabilities_keep_their_rows_and_columns(string name)
    {
        var path = _files.PathOf(name);
        var random = new Random(3);
        var p = Enumerable.Range(0, 40 * 4).Select(_ => random.NextDouble()).ToArray();
        ArrayFileWriter.Write(path, p, 4);
        var back = DatasetReader.Open(path);
        Assert.Equal((40L, 4), (back.Rows, back.Features));
        Assert.Equal(p, ReadAll(back));
    }

    [Fact]
    public void Csv_writes_non_finite_values_as_numpy_reads_them()
    {
        var path = _files.PathOf("x.csv");
        ArrayFileWriter.Write(path, [0.1, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-300], 5);
        Assert.Equal("0.1,nan,inf,-inf,1E-300\n", File.ReadAllText(path));
    }

    [Fact]
    public void Other_extensions_are_refused()
    {
        var path = _files.PathOf("out.txt");
        var error = Assert.Throws<InvalidInputException>(() => ArrayFileWriter.Write(path, [1.0]));
        Assert.Equal($"cannot write '{path}': output files must end in .npy or .csv", error.Message);
        Assert.False(File.Exists(path));
    }
}
