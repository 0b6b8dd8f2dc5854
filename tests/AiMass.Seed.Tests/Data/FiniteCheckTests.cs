using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Seed.Data;
using Xunit;

namespace AiMass.Seed.Tests.Data;

public sealed class FiniteCheckTests
{
    [Fact]
    public void A_NaN_in_a_numpy_file_names_file_row_and_column()
    {
        var path = TempFiles.Fixture("f8_4x3_nan.npy");
        using var source = new NpyRowSource(path);
        var error = Assert.Throws<InvalidInputException>(() => FiniteCheck.EnsureFinite(source));
        Assert.Equal($"{path} row 2, column 1: NaN; remove or impute the rows with missing values", error.Message);
    }

    [Fact]
    public void Rows_outside_the_checked_range_are_not_looked_at()
    {
        using var source = new NpyRowSource(TempFiles.Fixture("f8_4x3_nan.npy"));
        FiniteCheck.EnsureFinite(source, 0, 2);
        FiniteCheck.EnsureFinite(source, 3, 1);
        Assert.Throws<InvalidInputException>(() => FiniteCheck.EnsureFinite(source, 1, 2));
    }

    [Fact]
    public void A_slice_reports_the_row_in_the_whole_file()
    {
        // 20 000 rows × 3: the bad value sits in the second chunk of the slice (10 922 rows per chunk).
        const int rows = 20_000, features = 3;
        var values = new double[rows * features];
        values[(18_500 * features) + 2] = double.PositiveInfinity;
        var file = new ArrayRowSource(values, features, "big.npy");
        var slice = new RowSlice(file, 1_000, 19_000);
        var error = Assert.Throws<InvalidInputException>(() => FiniteCheck.EnsureFinite(slice, 0, slice.Rows));
        Assert.Equal("big.npy row 18500, column 2: +Inf; remove the row or replace the value with a finite number",
            error.Message);
    }

    [Fact]
    public void The_first_bad_value_is_reported_even_inside_a_vector()
    {
        for (var position = 0; position < 37; position++)
        {
            var values = new double[37];
            values[position] = double.NegativeInfinity;
            values[36] = double.NaN;
            Assert.Equal(position, FiniteCheck.IndexOfNonFinite(values));
        }

        Assert.Equal(-1, FiniteCheck.IndexOfNonFinite(new double[37]));
    }

    [Fact]
    public void Finite_data_passes()
    {
        using var source = new NpyRowSource(TempFiles.Fixture("f4_4x3.npy"));
        FiniteCheck.EnsureFinite(source);
    }
}
