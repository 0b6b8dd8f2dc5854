using AiMass.Kernels;
using AiMass.Seed.Data;
using Parquet;
using Parquet.Schema;
using Xunit;

namespace AiMass.Seed.Tests.Data;

public sealed class ParquetRowSourceTests : IDisposable
{
    private const string Drop = "AiMass needs numeric columns; drop it or convert it before saving";
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Writes a Parquet file with Parquet.Net: one row group per entry of <paramref name="groups"/>.</summary>
    private async Task<string> Write(
        string name, ParquetSchema schema, params Func<ParquetRowGroupWriter, Task>[] groups)
    {
        var path = _files.PathOf(name);
        await using var stream = File.Create(path);
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            foreach (var group in groups)
            {
                using var rowGroup = writer.CreateRowGroup();
                await group(rowGroup);
            }
        }

        return path;
    }

    private static double[] ReadAll(ParquetRowSource source)
    {
        var values = new double[source.Rows * source.Features];
        source.Read(0, (int)source.Rows, values);
        return values;
    }

    [Fact]
    public async Task Every_numeric_column_type_round_trips_across_row_groups()
    {
        var x = new DataField<double>("x");
        var y = new DataField<float>("y");
        var n = new DataField<int>("n");
        var m = new DataField<long>("m");
        var s = new DataField<short>("s");
        var b = new DataField<byte>("b");
        var u = new DataField<ulong>("u");
        var d = new DecimalDataField("d", 10, 3);
        var z = new DataField<double?>("z");
        var path = await Write("all.parquet", new ParquetSchema(x, y, n, m, s, b, u, d, z),
            async g =>
            {
                await g.WriteAsync<double>(x, new[] { 0.1, -2.5 });
                await g.WriteAsync<float>(y, new[] { 0.25f, 1e6f });
                await g.WriteAsync<int>(n, new[] { -7, 8 });
                await g.WriteAsync<long>(m, new[] { 1L << 40, -3L });
                await g.WriteAsync<short>(s, new short[] { -300, 300 });
                await g.WriteAsync<byte>(b, new byte[] { 0, 255 });
                await g.WriteAsync<ulong>(u, new ulong[] { 5, 6 });
                await g.WriteAsync<decimal>(d, new[] { 1.125m, -0.5m });
                await g.WriteAsync<double>(z, new double?[] { 3, 4 });
            },
            async g =>
            {
                await g.WriteAsync<double>(x, new[] { 9.0 });
                await g.WriteAsync<float>(y, new[] { -1f });
                await g.WriteAsync<int>(n, new[] { int.MaxValue });
                await g.WriteAsync<long>(m, new[] { 0L });
                await g.WriteAsync<short>(s, new short[] { 1 });
                await g.WriteAsync<byte>(b, new byte[] { 2 });
                await g.WriteAsync<ulong>(u, new ulong[] { 7 });
                await g.WriteAsync<decimal>(d, new[] { 2m });
                await g.WriteAsync<double>(z, new double?[] { 5 });
            });

        var source = ParquetRowSource.Open(path);
        Assert.Equal(["x", "y", "n", "m", "s", "b", "u", "d", "z"], source.ColumnNames);
        Assert.Equal((3L, 9), (source.Rows, source.Features));
        double[] expected =
        [
            0.1, 0.25, -7, 1L << 40, -300, 0, 5, 1.125, 3,
            -2.5, 1e6, 8, -3, 300, 255, 6, -0.5, 4,
            9, -1, int.MaxValue, 0, 1, 2, 7, 2, 5,
        ];
        Assert.Equal(expected, ReadAll(source));
    }

    [Fact]
    public async Task Small_signed_and_unsigned_integer_columns_convert_to_float64()
    {
        var sb = new DataField<sbyte>("sb");
        var us = new DataField<ushort>("us");
        var ui = new DataField<uint>("ui");
        var path = await Write("small.parquet", new ParquetSchema(sb, us, ui),
            async g =>
            {
                await g.WriteAsync<sbyte>(sb, new sbyte[] { -128, 127 });
                await g.WriteAsync<ushort>(us, new ushort[] { 0, 65535 });
                await g.WriteAsync<uint>(ui, new[] { 1u, uint.MaxValue });
            });
        var source = ParquetRowSource.Open(path);
        Assert.Equal([-128.0, 0, 1, 127, 65535, uint.MaxValue], ReadAll(source));
    }

    [Fact]
    public async Task A_null_names_its_absolute_row_and_column()
    {
        var x = new DataField<double?>("height");
        var path = await Write("n.parquet", new ParquetSchema(x),
            g => g.WriteAsync<double>(x, new double?[] { 1, 2, 3 }),
            g => g.WriteAsync<double>(x, new double?[] { 4, null }));
        var error = Assert.Throws<InvalidInputException>(() => ParquetRowSource.Open(path));
        Assert.Equal($"{path} row 4, column 'height': null (a missing value); remove or impute the rows with missing "
            + "values (pandas: df.dropna())", error.Message);
    }

    [Fact]
    public async Task NaN_and_infinity_are_errors()
    {
        var x = new DataField<double>("x");
        var y = new DataField<float>("y");
        var nan = await Write("nan.parquet", new ParquetSchema(x),
            g => g.WriteAsync<double>(x, new[] { 1, double.NaN }));
        var inf = await Write("inf.parquet", new ParquetSchema(y),
            g => g.WriteAsync<float>(y, new[] { float.NegativeInfinity }));
        Assert.Equal($"{nan} row 1, column 'x': NaN; remove or impute the rows with missing values",
            Assert.Throws<InvalidInputException>(() => ParquetRowSource.Open(nan)).Message);
        Assert.Equal($"{inf} row 0, column 'y': -Inf; remove the row or replace the value with a finite number",
            Assert.Throws<InvalidInputException>(() => ParquetRowSource.Open(inf)).Message);
    }

    [Fact]
    public async Task A_text_column_names_the_column_and_the_remedy()
    {
        var x = new DataField<double>("x");
        var name = new DataField<string>("name");
        var path = await Write("s.parquet", new ParquetSchema(x, name),
            async g =>
            {
                await g.WriteAsync<double>(x, new[] { 1.0 });
                await g.WriteAsync(name, new[] { "a" });
            });
        var error = Assert.Throws<InvalidInputException>(() => ParquetRowSource.Open(path));
        Assert.Equal($"{path} column 'name' holds text (string) values; {Drop} (pandas: df.drop(columns=['name']) "
            + "or df['name'].astype('float64'))", error.Message);
    }

    [Fact]
    public async Task Boolean_and_date_columns_are_not_numbers()
    {
        var flag = new DataField<bool>("flag");
        var when = new DataField<DateTime>("when");
        var bools = await Write("b.parquet", new ParquetSchema(flag), g => g.WriteAsync<bool>(flag, new[] { true }));
        var dates = await Write("d.parquet", new ParquetSchema(when),
            g => g.WriteAsync<DateTime>(when, new[] { new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc) }));
        Assert.StartsWith($"{bools} column 'flag' holds boolean values; {Drop}",
            Assert.Throws<InvalidInputException>(() => ParquetRowSource.Open(bools)).Message);
        Assert.StartsWith($"{dates} column 'when' holds date/time values; {Drop}",
            Assert.Throws<InvalidInputException>(() => ParquetRowSource.Open(dates)).Message);
    }

    [Fact]
    public async Task A_nested_list_column_is_refused()
    {
        var tags = new ListField("tags", new DataField<double>("item"));
        var path = await Write("l.parquet", new ParquetSchema(tags));
        var error = Assert.Throws<InvalidInputException>(() => ParquetRowSource.Open(path));
        Assert.Equal($"{path} column 'tags' is a nested (list) column; AiMass needs flat numeric columns; flatten it "
            + "into one numeric column per value before saving", error.Message);
    }

    [Fact]
    public async Task A_file_without_rows_is_refused()
    {
        var x = new DataField<double>("x");
        var path = await Write("e.parquet", new ParquetSchema(x));
        var error = Assert.Throws<InvalidInputException>(() => ParquetRowSource.Open(path));
        Assert.Equal($"{path} has no rows; it needs at least one row", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_parquet_says_so()
    {
        var path = _files.Text("fake.parquet", "x,y\n1,2\n");
        var error = Assert.Throws<InvalidInputException>(() => ParquetRowSource.Open(path));
        Assert.StartsWith($"{path} is not a readable Parquet file (", error.Message);
        Assert.EndsWith("); check that it was written completely", error.Message);
    }
}
