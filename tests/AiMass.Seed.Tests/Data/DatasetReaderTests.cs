using AiMass.Kernels;
using AiMass.Seed.Data;
using Parquet;
using Parquet.Schema;
using Xunit;

namespace AiMass.Seed.Tests.Data;

public sealed class DatasetReaderTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Fails(string path) =>
        Assert.Throws<InvalidInputException>(() => DatasetReader.Open(path)).Message;

    [Fact]
    public async Task Each_extension_opens_its_reader()
    {
        using (var npy = Assert.IsType<NpyRowSource>(DatasetReader.Open(TempFiles.Fixture("f8_4x3.npy"))))
        {
            Assert.Equal(4, npy.Rows);
        }

        var csv = DatasetReader.Open(_files.Text("x.CSV", "1,2\n"));
        Assert.Equal(2, Assert.IsType<CsvRowSource>(csv).Features);

        var path = _files.PathOf("p.parquet");
        var x = new DataField<double>("x");
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(x), stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<double>(x, new[] { 1.0, 2.0 });
        }

        Assert.Equal(2, Assert.IsType<ParquetRowSource>(DatasetReader.Open(path)).Rows);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = _files.PathOf("nope.npy");
        Assert.Equal($"data file '{path}' does not exist", Fails(path));
    }

    [Fact]
    public void A_directory_without_part_files_is_not_a_dataset()
    {
        _files.Text("notes.txt", "not data");

        Assert.Equal(
            $"data file {_files.Directory} is a folder or prefix with no .npy or .parquet part files (1 other files); "
            + "give a file, or a folder of part-*.npy or part-*.parquet files",
            Fails(_files.Directory));
    }

    [Fact]
    public void An_unknown_extension_lists_the_supported_ones()
    {
        var path = _files.Text("x.txt", "1\n");
        Assert.Equal($"data file '{path}' has the extension '.txt'; AiMass reads .npy, .csv and .parquet files; "
            + "convert it to one of these", Fails(path));
    }

    [Fact]
    public void A_file_without_extension_is_named()
    {
        var path = _files.Text("data", "1\n");
        Assert.Equal($"data file '{path}' has no extension; AiMass reads .npy, .csv and .parquet files; "
            + "rename it with the extension of its format", Fails(path));
    }

    [Fact]
    public void An_npz_archive_asks_for_one_array_per_file()
    {
        var path = _files.Text("x.npz", "PK");
        Assert.Equal($"data file '{path}' is a .npz archive; AiMass reads one array per file: "
            + "save it with numpy.save(path, x)", Fails(path));
    }

    [Fact]
    public void An_empty_path_is_named()
    {
        Assert.Equal("the data file path is empty; give the path of a file", Fails(" "));
    }

    [Fact]
    public void Permission_errors_become_a_clear_message()
    {
        // The tests run as root in CI, where chmod cannot deny reading, so the mapping is tested directly.
        var error = DataFile.Describe("/data/x.npy", "data file", new UnauthorizedAccessException("Access denied"));
        Assert.Equal("cannot read data file '/data/x.npy': permission denied; check the file's permissions (chmod a+r)",
            error.Message);
        Assert.IsType<UnauthorizedAccessException>(error.InnerException);
    }
}
