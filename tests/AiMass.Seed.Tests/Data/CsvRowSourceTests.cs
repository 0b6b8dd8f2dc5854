using AiMass.Kernels;
using AiMass.Seed.Data;
using Xunit;

namespace AiMass.Seed.Tests.Data;

public sealed class CsvRowSourceTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static double[] ReadAll(CsvRowSource source)
    {
        var values = new double[source.Rows * source.Features];
        source.Read(0, (int)source.Rows, values);
        return values;
    }

    private string Fails(string text, out string path)
    {
        var file = _files.Text("data.csv", text);
        path = file;
        return Assert.Throws<InvalidInputException>(() => CsvRowSource.Open(file)).Message;
    }

    [Fact]
    public void Numbers_without_a_header_are_all_data()
    {
        var source = CsvRowSource.Open(_files.Text("a.csv", "1,2.5,-3\n4e2, +5 ,6.25E-1\n"));
        Assert.Null(source.ColumnNames);
        Assert.Equal((2L, 3), (source.Rows, source.Features));
        Assert.Equal([1, 2.5, -3, 400, 5, 0.625], ReadAll(source));
    }

    [Fact]
    public void A_first_line_with_text_is_the_header()
    {
        var source = CsvRowSource.Open(_files.Text("h.csv", "\uFEFFx, \"y, mm\",z\r\n1,2,3\r\n\r\n4,5,6\r\n   \n"));
        Assert.Equal(["x", "y, mm", "z"], source.ColumnNames);
        Assert.Equal((2L, 3), (source.Rows, source.Features));
        Assert.Equal([1.0, 2, 3, 4, 5, 6], ReadAll(source));
    }

    [Fact]
    public void Reads_as_float32_round_each_value()
    {
        var source = CsvRowSource.Read(new StringReader("0.1,0.2\n0.3,0.4\n"), "mem");
        var floats = new float[2];
        source.Read(1, 1, floats);
        Assert.Equal([0.3f, 0.4f], floats);
    }

    [Fact]
    public void A_non_numeric_cell_names_line_row_and_column()
    {
        var message = Fails("a,b,c\n1,2,3\n4,5,abc\n", out var path);
        Assert.Equal($"{path} line 3 (row 1), column 2 ('c'): 'abc' is not a number; fix the cell or remove the row "
            + "(numbers use '.' as decimal point)", message);
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("NaN")]
    [InlineData("-nan")]
    public void NaN_in_any_spelling_is_an_error(string cell)
    {
        var message = Fails($"1,2\n3,{cell}\n", out var path);
        Assert.Equal($"{path} line 2 (row 1), column 1: '{cell}' is NaN; remove or impute the rows with missing values",
            message);
    }

    [Theory]
    [InlineData("inf")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public void Infinities_are_an_error(string cell)
    {
        var message = Fails($"{cell},2\n", out var path);
        Assert.Equal($"{path} line 1 (row 0), column 0: '{cell}' is infinite; remove the row or replace the value "
            + "with a finite number", message);
    }

    [Fact]
    public void An_empty_cell_is_a_missing_value()
    {
        var message = Fails("x,y\n1,2\n3,\n", out var path);
        Assert.Equal($"{path} line 3 (row 1), column 1 ('y'): the cell is empty; remove or impute the rows with "
            + "missing values", message);
    }

    [Fact]
    public void A_first_line_with_a_missing_marker_is_data_not_a_header()
    {
        var message = Fails("NA,1\n2,3\n", out var path);
        Assert.Equal($"{path} line 1 (row 0), column 0: 'NA' is a missing value; remove or impute the rows with "
            + "missing values", message);
    }

    [Fact]
    public void A_ragged_row_names_its_line_and_both_counts()
    {
        var text = string.Concat(Enumerable.Repeat("1,2,3,4\n", 17)) + "1,2,3\n";
        var message = Fails(text, out var path);
        Assert.Equal($"{path} line 18 (row 17) has 3 values; the first row has 4; give every row the same number of "
            + "comma-separated values", message);
    }

    [Fact]
    public void A_ragged_row_after_a_header_compares_with_the_header()
    {
        var message = Fails("a,b\n\n1,2,3\n", out var path);
        Assert.Equal($"{path} line 3 (row 0) has 3 values; the header has 2; give every row the same number of "
            + "comma-separated values", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n")]
    public void An_empty_file_is_an_error(string text)
    {
        var message = Fails(text, out var path);
        Assert.Equal($"{path} is empty; it needs rows of comma-separated numbers", message);
    }

    [Fact]
    public void A_header_without_rows_is_an_error()
    {
        var message = Fails("\nx,y\n", out var path);
        Assert.Equal($"{path} has a header (line 2) but no data rows; it needs at least one row of numbers", message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = _files.PathOf("none.csv");
        var error = Assert.Throws<InvalidInputException>(() => CsvRowSource.Open(path));
        Assert.Equal($"data file '{path}' does not exist", error.Message);
    }
}
