using AiMass.Kernels;
using AiMass.Seed.Data;
using Xunit;

namespace AiMass.Seed.Tests.Data;

/// <summary>Every .npy file AiMass cannot read gives one exact, actionable message.</summary>
public sealed class NpyHeaderReaderTests : IDisposable
{
    private const string Supported =
        "AiMass reads '<f4', '<f8', '<i4', '<i8' (little-endian float32, float64, int32, int64); "
        + "convert with x.astype('<f8')";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Fails(string path) =>
        Assert.Throws<InvalidInputException>(() => new NpyRowSource(path).Dispose()).Message;

    private string Crafted(string name, string dict, byte[] data, int major = 1) =>
        _files.Bytes(name, NpyBytes.File(major, dict, data));

    [Fact]
    public void A_file_without_the_magic_string_is_not_npy()
    {
        var path = _files.Text("x.npy", "time,value\n1,2\n");
        Assert.Equal($"{path} is not a .npy file (it does not start with the magic string \\x93NUMPY); "
            + "save arrays with numpy.save", Fails(path));
    }

    [Fact]
    public void An_empty_file_is_not_npy()
    {
        var path = _files.Text("x.npy", "");
        Assert.Equal($"{path} is empty (0 bytes); it is not a .npy file", Fails(path));
    }

    [Theory]
    [InlineData(4, 0, "4.0")]
    [InlineData(1, 1, "1.1")]
    public void Unsupported_versions_are_named(int major, int minor, string version)
    {
        var path = _files.Bytes("x.npy", NpyBytes.File(1, NpyBytes.Dict("<f8", "(1,)"), NpyBytes.Of(1.0)));
        var bytes = File.ReadAllBytes(path);
        bytes[6] = (byte)major;
        bytes[7] = (byte)minor;
        File.WriteAllBytes(path, bytes);
        Assert.Equal($"{path} is .npy format version {version}; AiMass reads versions 1.0, 2.0 and 3.0; "
            + "save it again with numpy.save", Fails(path));
    }

    [Fact]
    public void A_numpy_big_endian_file_names_its_dtype_and_the_conversion()
    {
        var path = TempFiles.Fixture("bigendian_4x3.npy");
        Assert.Equal($"{path} holds dtype '>f8' (big-endian float64); {Supported}", Fails(path));
    }

    [Fact]
    public void A_numpy_float16_file_names_its_dtype_and_the_conversion()
    {
        var path = TempFiles.Fixture("f2_4x3.npy");
        Assert.Equal($"{path} holds dtype '<f2' (float16); {Supported}", Fails(path));
    }

    [Fact]
    public void A_bool_array_names_its_dtype()
    {
        var path = Crafted("b.npy", NpyBytes.Dict("|b1", "(2,)"), [1, 0]);
        Assert.Equal($"{path} holds dtype '|b1' (bool); {Supported}", Fails(path));
    }

    [Fact]
    public void A_numpy_fortran_order_matrix_asks_for_C_order()
    {
        var path = TempFiles.Fixture("fortran_4x3.npy");
        Assert.Equal($"{path} is stored in Fortran (column-major) order; AiMass reads C (row-major) order; "
            + "save it with numpy.save(path, numpy.ascontiguousarray(x))", Fails(path));
    }

    [Fact]
    public void A_numpy_3d_array_asks_for_a_reshape()
    {
        var path = TempFiles.Fixture("f8_2x2x2.npy");
        Assert.Equal($"{path} has 3 dimensions (shape (2, 2, 2)); AiMass needs a 1-D array or a 2-D array "
            + "[rows × features]; reshape it, e.g. x.reshape(len(x), -1)", Fails(path));
    }

    [Fact]
    public void A_scalar_array_asks_for_a_reshape()
    {
        var path = Crafted("s.npy", NpyBytes.Dict("<f8", "()"), NpyBytes.Of(1.0));
        Assert.Equal($"{path} has a single value (shape ()); AiMass needs a 1-D array or a 2-D array "
            + "[rows × features]; reshape it, e.g. x.reshape(len(x), -1)", Fails(path));
    }

    [Fact]
    public void A_truncated_matrix_says_how_many_bytes_are_missing()
    {
        var path = Crafted("x.npy", NpyBytes.Dict("<f8", "(1000, 4)"), new byte[31000]);
        Assert.Equal($"{path} is truncated: its header says 1000 × 4 float64 (32000 bytes of data) but 31000 bytes "
            + "follow; copy or save it again", Fails(path));
    }

    [Fact]
    public void A_truncated_vector_says_how_many_bytes_are_missing()
    {
        var path = Crafted("v.npy", NpyBytes.Dict("<i4", "(10,)"), new byte[39]);
        Assert.Equal($"{path} is truncated: its header says 10 int32 (40 bytes of data) but 39 bytes follow; "
            + "copy or save it again", Fails(path));
    }

    [Fact]
    public void A_file_cut_inside_its_header_is_truncated()
    {
        var full = NpyBytes.File(1, NpyBytes.Dict("<f8", "(1,)"), NpyBytes.Of(1.0));
        var path = _files.Bytes("h.npy", full[..40]);
        Assert.Equal($"{path} is truncated: its header needs 128 bytes but the file has 40; copy or save it again",
            Fails(path));
    }

    [Fact]
    public void An_array_with_no_rows_is_rejected()
    {
        var path = Crafted("e.npy", NpyBytes.Dict("<f8", "(0, 4)"), []);
        Assert.Equal($"{path} has no rows (shape (0, 4)); it needs at least one row", Fails(path));
    }

    [Fact]
    public void An_array_with_no_columns_is_rejected()
    {
        var path = Crafted("e.npy", NpyBytes.Dict("<f8", "(10, 0)"), []);
        Assert.Equal($"{path} has no columns (shape (10, 0)); each row needs at least one value", Fails(path));
    }

    [Fact]
    public void A_structured_array_asks_for_a_plain_float_array()
    {
        var path = Crafted("r.npy", "{'descr': [('a', '<f8'), ('b', '<i4')], 'fortran_order': False, 'shape': (1,), }",
            new byte[12]);
        Assert.Equal($"{path} holds a structured (record) array; AiMass needs a plain numeric array; save the numeric "
            + "fields as one float array, e.g. numpy.lib.recfunctions.structured_to_unstructured(x).astype('<f8')",
            Fails(path));
    }

    [Fact]
    public void A_header_without_a_shape_is_damaged()
    {
        var path = Crafted("d.npy", "{'descr': '<f8', 'fortran_order': False, }", new byte[8]);
        Assert.Equal($"{path} has a damaged .npy header (no 'shape' in its header); save it again with numpy.save",
            Fails(path));
    }

    [Fact]
    public void The_header_reader_reports_shape_and_offset_of_a_numpy_file()
    {
        var header = NpyHeaderReader.ReadFile(TempFiles.Fixture("i8_3x2.npy"));
        Assert.Equal(new NpyHeader(1, NpyDataType.Int64, 3, 2, false, 128), header);
        Assert.Equal("(3, 2)", header.ShapeText);
        Assert.Equal(48, header.DataBytes);
    }
}
