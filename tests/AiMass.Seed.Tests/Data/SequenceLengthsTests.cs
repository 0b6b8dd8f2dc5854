using AiMass.Kernels;
using AiMass.Seed.Data;
using Xunit;

namespace AiMass.Seed.Tests.Data;

public sealed class SequenceLengthsTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Fails(string path, long rows) =>
        Assert.Throws<InvalidInputException>(() => SequenceLengths.Read(path, rows, "data.npy")).Message;

    [Fact]
    public void Text_lengths_skip_blank_lines_and_accept_savetxt_floats()
    {
        var path = _files.Text("L.txt", "3\n\n  5 \n2.000000000000000000e+00\n");
        Assert.Equal([3, 5, 2], SequenceLengths.Read(path, 10, "data.npy"));
    }

    [Theory]
    [InlineData("lengths_i8.npy")]
    [InlineData("lengths_f8.npy")]
    public void Numpy_lengths_of_integer_or_float_dtype_are_read(string fixture)
    {
        Assert.Equal([3, 5, 2], SequenceLengths.Read(TempFiles.Fixture(fixture), 10));
    }

    [Fact]
    public void Lengths_that_do_not_add_up_name_both_sums()
    {
        var path = _files.Text("L", string.Concat(Enumerable.Repeat("10\n", 99)));
        Assert.Equal($"the lengths in {path} add up to 990 but data.npy has 1000 rows; "
            + "they must add up to the number of rows", Fails(path, 1000));
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("ten")]
    [InlineData("3000000000")]
    public void A_length_that_is_not_a_positive_integer_names_its_line(string value)
    {
        var path = _files.Text("L.txt", $"4\n\n{value}\n");
        Assert.Equal($"{path} line 3: '{value}' is not a positive integer; "
            + "each line holds the length (number of rows) of one sequence", Fails(path, 10));
    }

    [Fact]
    public void A_fractional_numpy_length_names_its_element()
    {
        var path = _files.PathOf("L.npy");
        ArrayFileWriter.Write(path, [3.0, 1.5]);
        Assert.Equal($"{path} element 1: 1.5 is not a positive integer; "
            + "each element is the length (number of rows) of one sequence", Fails(path, 10));
    }

    [Fact]
    public void A_matrix_of_lengths_is_refused()
    {
        var path = _files.PathOf("L.npy");
        ArrayFileWriter.Write(path, [3.0, 1, 2, 4], 2);
        Assert.Equal($"{path} has shape (2, 2); sequence lengths need a 1-D array, one length per sequence",
            Fails(path, 10));
    }

    [Fact]
    public void An_empty_lengths_file_is_refused()
    {
        var path = _files.Text("L.txt", "\n\n");
        Assert.Equal($"{path} holds no sequence lengths; it needs one positive integer per line", Fails(path, 10));
    }
}
