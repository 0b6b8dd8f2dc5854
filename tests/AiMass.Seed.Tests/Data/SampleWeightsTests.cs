using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Seed.Data;
using Xunit;

namespace AiMass.Seed.Tests.Data;

public sealed class SampleWeightsTests : IDisposable
{
    private readonly TempFiles _files = new();
    private readonly ArrayRowSource _data = new(new double[4 * 2], 2, "data.npy");

    public void Dispose() => _files.Dispose();

    private static double[] ReadAll(IRowSource source)
    {
        var values = new double[source.Rows];
        source.Read(0, (int)source.Rows, values);
        (source as IDisposable)?.Dispose();
        return values;
    }

    private string Fails(string path) =>
        Assert.Throws<InvalidInputException>(() => SampleWeights.Open(path, _data)).Message;

    [Fact]
    public void Weights_load_from_text_csv_and_npy_of_either_shape()
    {
        var text = _files.Text("w.txt", "1\n0.5\n\n2\n0\n");
        var csv = _files.Text("w.csv", "weight\n1\n0.5\n2\n0\n");
        var vector = _files.PathOf("w.npy");
        ArrayFileWriter.Write(vector, [1.0, 0.5, 2, 0]);
        var column = _files.PathOf("w41.npy");
        ArrayFileWriter.Write(column, [1.0, 0.5, 2, 0], 1);
        foreach (var path in new[] { text, csv, vector, column })
        {
            var weights = SampleWeights.Open(path, _data);
            Assert.Equal(1, weights.Features);
            Assert.Equal([1.0, 0.5, 2, 0], ReadAll(weights));
        }
    }

    [Fact]
    public void A_count_that_differs_from_the_rows_names_both_files()
    {
        var path = _files.Text("weights.txt", "1\n1\n1\n");
        Assert.Equal($"{path} has 3 values but data.npy has 4 rows; give one weight per row", Fails(path));
    }

    [Fact]
    public void A_negative_weight_names_its_row()
    {
        var path = _files.PathOf("w.npy");
        ArrayFileWriter.Write(path, [1.0, 1, -0.5, 1]);
        Assert.Equal($"{path} row 2: weight -0.5 is negative; sample weights must be ≥ 0", Fails(path));
    }

    [Fact]
    public void A_NaN_weight_in_npy_names_its_row()
    {
        var path = _files.PathOf("w.npy");
        ArrayFileWriter.Write(path, [1.0, double.NaN, 1, 1]);
        Assert.Equal($"{path} row 1: weight NaN; remove or impute the rows with missing values", Fails(path));
    }

    [Fact]
    public void A_text_weight_that_is_not_a_number_names_its_line()
    {
        var path = _files.Text("w.txt", "1\n1\n\nheavy\n");
        Assert.Equal($"{path} line 4 (row 2), column 0: 'heavy' is not a number; fix the cell or remove the row "
            + "(numbers use '.' as decimal point)", Fails(path));
    }

    [Fact]
    public void All_zero_weights_are_refused()
    {
        var path = _files.Text("w.txt", "0\n0\n0\n0\n");
        Assert.Equal($"every weight in {path} is 0; at least one row needs a positive weight", Fails(path));
    }

    [Fact]
    public void Several_values_per_row_are_refused()
    {
        var path = _files.Text("w.csv", "1,2\n1,2\n1,2\n1,2\n");
        Assert.Equal($"{path} has 2 values per row; sample weights need one value per row (shape (n,) or (n, 1), "
            + "or one number per line)", Fails(path));
    }

    [Fact]
    public void A_missing_weights_file_is_named_as_such()
    {
        var path = _files.PathOf("w.npy");
        Assert.Equal($"weights file '{path}' does not exist", Fails(path));
    }
}
