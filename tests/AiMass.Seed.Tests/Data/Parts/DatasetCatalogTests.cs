using AiMass.Kernels;
using AiMass.Seed.Data;
using AiMass.Seed.Data.Parts;
using AiMass.Seed.Data.Storage;
using AiMass.Seed.Jobs;
using Xunit;

namespace AiMass.Seed.Tests.Data.Parts;

/// <summary>Local multi-file datasets, partitions read by range, weights validated once, and the CSV cache.</summary>
public sealed class DatasetCatalogTests : IDisposable
{
    private readonly TempFiles _files = new();
    private readonly DataAccess _access = new(new DataAccessSettings());

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_folder_of_npy_parts_is_one_dataset_in_lexical_order_and_partitions_span_parts()
    {
        var values = Enumerable.Range(0, 30).Select(i => (double)i).ToArray(); // 15 rows × 2
        var folder = Directory.CreateDirectory(_files.PathOf("parts")).FullName;
        Write(Path.Combine(folder, "part-10.npy"), values[12..], 2); // 9 rows, first: "part-10" < "part-2"
        Write(Path.Combine(folder, "part-2.npy"), values[..12], 2);  // 6 rows, after it
        File.WriteAllText(Path.Combine(folder, "_SUCCESS"), "");

        using var layout = DatasetLayout.Open(new FitSpec { Data = folder }, 4, _access);

        Assert.Equal(["part-10.npy", "part-2.npy"], layout.Parts.Select(p => Path.GetFileName(p.Name)));
        Assert.Equal(15, layout.Data.Rows);
        var partition = layout.Partition(2); // dataset rows 8..11: part-10's last row, then part-2's rows 0..2
        var rows = new double[partition.RowCount * 2];
        partition.Rows.Read(0, (int)partition.RowCount, rows);
        Assert.Equal(new double[] { 28, 29, 0, 1, 2, 3, 4, 5 }, rows);
    }

    [Fact]
    public void A_part_with_another_width_or_element_type_is_an_error_naming_that_part()
    {
        var folder = Directory.CreateDirectory(_files.PathOf("bad")).FullName;
        Write(Path.Combine(folder, "a.npy"), [1, 2, 3, 4], 2);
        Write(Path.Combine(folder, "b.npy"), [1, 2, 3], 3);

        var error = Assert.Throws<InvalidInputException>(
            () => DatasetLayout.Open(new FitSpec { Data = folder }, 1, _access)).Message;

        Assert.StartsWith($"part {Path.Combine(folder, "b.npy")} of {folder} has 3 columns (<f8) but the first part", error);
        Assert.Contains("every part needs the same columns and types", error);
        File.Delete(Path.Combine(folder, "b.npy"));
        using (var writer = NpyWriter.Create(Path.Combine(folder, "b.npy"), NpyDataType.Float32, 1, 2))
        {
            writer.WriteRows(new double[] { 1, 2 });
            writer.Complete();
        }

        error = Assert.Throws<InvalidInputException>(
            () => DatasetLayout.Open(new FitSpec { Data = folder }, 1, _access)).Message;
        Assert.Contains("has 2 columns (<f4) but the first part", error);
    }

    [Fact]
    public void A_folder_without_part_files_or_with_mixed_formats_is_refused()
    {
        var empty = Directory.CreateDirectory(_files.PathOf("empty")).FullName;
        File.WriteAllText(Path.Combine(empty, "notes.txt"), "x");
        var mixed = Directory.CreateDirectory(_files.PathOf("mixed")).FullName;
        Write(Path.Combine(mixed, "a.npy"), [1, 2], 2);
        File.WriteAllText(Path.Combine(mixed, "b.parquet"), "x");

        Assert.Contains("no .npy or .parquet part files (1 other files)",
            Assert.Throws<InvalidInputException>(() => DatasetLayout.Open(new FitSpec { Data = empty }, 1, _access)).Message);
        Assert.Contains("mixes formats",
            Assert.Throws<InvalidInputException>(() => DatasetLayout.Open(new FitSpec { Data = mixed }, 1, _access)).Message);
    }

    [Fact]
    public void A_csv_dataset_is_parsed_once_for_all_partitions_and_again_only_when_it_changes()
    {
        var csv = _files.Text("x.csv", "a,b\n" + string.Join('\n', Enumerable.Range(0, 40).Select(i => $"{i},{-i}")));

        using (var layout = DatasetLayout.Open(new FitSpec { Data = csv }, 4, _access))
        {
            var last = layout.Partition(3);
            var rows = new double[20];
            last.Rows.Read(0, 10, rows);
            Assert.Equal(30, rows[0]);
            Assert.Equal(-39, rows[19]);
            for (var p = 0; p < 3; p++)
            {
                layout.Partition(p);
            }
        }

        using (DatasetLayout.Open(new FitSpec { Data = csv }, 4, _access))
        {
            Assert.Equal(1, _access.Csv.Conversions);
        }

        File.AppendAllText(csv, "\n40,-40");
        using var changed = DatasetLayout.Open(new FitSpec { Data = csv }, 4, _access);
        Assert.Equal(2, _access.Csv.Conversions);
        Assert.Equal(41, changed.Data.Rows);
    }

    [Fact]
    public void A_csv_file_above_the_limit_is_refused_recommending_npy_or_parquet()
    {
        var csv = _files.Text("big.csv", string.Join('\n', Enumerable.Range(0, 200).Select(i => $"{i},{i}")));
        var access = new DataAccess(new DataAccessSettings { CsvMaxBytes = 100 });

        var error = Assert.Throws<InvalidInputException>(
            () => DatasetLayout.Open(new FitSpec { Data = csv }, 1, access)).Message;

        Assert.Contains("more than the 0 MiB AiMass converts (AIMASS_CSV_MAX_MB)", error);
        Assert.Contains("convert it once to .npy (numpy.save) or Parquet", error);
    }

    [Fact]
    public void Weights_are_validated_once_at_planning_and_a_partition_holds_only_its_slice()
    {
        var data = Write(_files.PathOf("x.npy"), Enumerable.Range(0, 20).Select(i => (double)i).ToArray(), 2);
        var good = Write(_files.PathOf("w.npy"), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1);
        var bad = _files.Text("w.txt", "1\n2\n3\n4\n5\n6\n7\n-8\n9\n10\n");

        using var layout = DatasetLayout.Open(new FitSpec { Data = data, SampleWeight = good }, 3, _access);
        var partition = layout.Partition(2); // rows 7..9
        var weights = new double[3];
        partition.Weights!.Read(0, 3, weights);

        Assert.Equal(new double[] { 8, 9, 10 }, weights);
        Assert.Equal(
            $"{bad} row 7: weight -8 is negative; sample weights must be ≥ 0",
            Assert.Throws<InvalidInputException>(
                () => DatasetLayout.Open(new FitSpec { Data = data, SampleWeight = bad }, 3, _access)).Message);
    }

    [Fact]
    public async Task A_parquet_partition_decodes_only_the_row_groups_that_hold_its_rows()
    {
        var path = _files.PathOf("g.parquet");
        var x = new Parquet.Schema.DataField<double>("x");
        await using (var stream = File.Create(path))
        {
            await using var writer = await Parquet.ParquetWriter.CreateAsync(new Parquet.Schema.ParquetSchema(x), stream);
            for (var g = 0; g < 4; g++)
            {
                using var group = writer.CreateRowGroup();
                // Group 1 holds a NaN: only a partition that reads group 1 can see it.
                var column = Enumerable.Range(g * 5, 5).Select(i => i == 7 ? double.NaN : i).ToArray();
                await group.WriteAsync<double>(x, column);
            }
        }

        var catalog = DatasetCatalog.Open(path, "data file", _access);
        using var last = PartSources.OpenRows(catalog, _access, 12, 8); // groups 2 and 3 only
        var rows = new double[8];
        last.Rows.Read(0, 8, rows);

        Assert.Equal(Enumerable.Range(12, 8).Select(i => (double)i), rows);
        Assert.Equal(
            $"{path} row 7, column 'x': NaN; remove or impute the rows with missing values",
            Assert.Throws<InvalidInputException>(() => PartSources.OpenRows(catalog, _access, 3, 5)).Message);
    }

    private static string Write(string path, double[] values, int features)
    {
        using var writer = NpyWriter.Create(path, NpyDataType.Float64, values.Length / features, features);
        writer.WriteRows(values);
        writer.Complete();
        return path;
    }
}
