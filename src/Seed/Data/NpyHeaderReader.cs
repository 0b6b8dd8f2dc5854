using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AiMass.Kernels;
using AiMass.Kernels.Input;

namespace AiMass.Seed.Data;

/// <summary>
/// Reads and validates the header of a <c>.npy</c> file (versions 1.0, 2.0, 3.0): the magic string, the header
/// length, and the dict literal <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (1000, 4), }</c>.
/// Everything AiMass cannot read is an <see cref="InvalidInputException"/> naming the file and the remedy.
/// </summary>
public static partial class NpyHeaderReader
{
    /// <summary>Headers longer than this are taken as damage, not data (numpy's own limit is 10 000 bytes).</summary>
    private const int MaxHeaderLength = 1 << 20;

    /// <summary>Reads the header of <paramref name="stream"/> (from its start); <paramref name="name"/> names the
    /// file in messages.</summary>
    /// <exception cref="InvalidInputException">Not a supported, complete <c>.npy</c> file.</exception>
    public static NpyHeader Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var length = stream.Length;
        var (major, prefixLength, headerLength) = ReadPrefix(stream, name, length);
        if (headerLength > MaxHeaderLength)
        {
            throw Damaged(name, $"a {headerLength}-byte header");
        }

        var headerBytes = new byte[headerLength];
        stream.Position = prefixLength;
        stream.ReadExactly(headerBytes);
        var text = major == 3 ? Encoding.UTF8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
        return Parse(text, name, major, prefixLength + headerLength, length);
    }

    /// <summary>Reads the header of the file at <paramref name="path"/>.</summary>
    public static NpyHeader ReadFile(string path)
    {
        using var stream = DataFile.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Checks the magic string and version; returns the version, prefix and header lengths.</summary>
    private static (int Major, int PrefixLength, long HeaderLength) ReadPrefix(Stream stream, string name, long length)
    {
        if (length == 0)
        {
            throw new InvalidInputException($"{name} is empty (0 bytes); it is not a .npy file");
        }

        stream.Position = 0;
        Span<byte> prefix = stackalloc byte[12];
        var got = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        if (got < 10 || !prefix[..6].SequenceEqual(NpyHeader.Magic))
        {
            throw new InvalidInputException(
                $"{name} is not a .npy file (it does not start with the magic string \\x93NUMPY); "
                + "save arrays with numpy.save");
        }

        int major = prefix[6], minor = prefix[7];
        if (minor != 0 || major is < 1 or > 3)
        {
            throw new InvalidInputException(
                $"{name} is .npy format version {major}.{minor}; AiMass reads versions 1.0, 2.0 and 3.0; "
                + "save it again with numpy.save");
        }

        var prefixLength = major == 1 ? 10 : 12;
        long headerLength = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..10])
            : BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..12]);
        if (got < prefixLength || prefixLength + headerLength > length)
        {
            throw new InvalidInputException(
                $"{name} is truncated: its header needs {prefixLength + headerLength} bytes but the file has "
                + $"{length}; copy or save it again");
        }

        return (major, prefixLength, headerLength);
    }

    private static NpyHeader Parse(string text, string name, int major, long dataOffset, long fileLength)
    {
        if (!text.TrimStart().StartsWith('{'))
        {
            throw Damaged(name, "a header that is not a Python dict");
        }

        var type = ParseDescr(text, name);
        var shape = ParseShape(text, name);
        var fortran = FortranPattern().Match(text);
        if (!fortran.Success)
        {
            throw Damaged(name, "no 'fortran_order' in its header");
        }

        CheckShape(shape, name);
        var rows = shape[0];
        var features = shape.Length == 2 ? shape[1] : 1;
        // Column-major and row-major layouts coincide when a dimension is 1; numpy writes False then anyway.
        if (fortran.Groups[1].Value == "True" && rows > 1 && features > 1)
        {
            throw new InvalidInputException(
                $"{name} is stored in Fortran (column-major) order; AiMass reads C (row-major) order; "
                + "save it with numpy.save(path, numpy.ascontiguousarray(x))");
        }

        var header = new NpyHeader(major, type, rows, (int)features, shape.Length == 1, dataOffset);
        CheckDataLength(header, name, fileLength);
        return header;
    }

    private static NpyDataType ParseDescr(string text, string name)
    {
        var match = DescrPattern().Match(text);
        if (!match.Success)
        {
            throw Damaged(name, "no 'descr' in its header");
        }

        if (match.Groups[1].Value == "[")
        {
            throw new InvalidInputException(
                $"{name} holds a structured (record) array; AiMass needs a plain numeric array; save the numeric "
                + "fields as one float array, e.g. numpy.lib.recfunctions.structured_to_unstructured(x).astype('<f8')");
        }

        var descr = match.Groups[2].Success ? match.Groups[2].Value : match.Groups[3].Value;
        if (!NpyDataTypes.TryParse(descr, out var type))
        {
            throw new InvalidInputException(
                $"{name} holds dtype {Excerpt.Of(descr)} ({NpyDataTypes.Describe(descr)}); "
                + $"AiMass reads {NpyDataTypes.Supported}; convert with x.astype('<f8')");
        }

        return type;
    }

    private static long[] ParseShape(string text, string name)
    {
        var match = ShapePattern().Match(text);
        if (!match.Success)
        {
            throw Damaged(name, "no 'shape' in its header");
        }

        var parts = match.Groups[1].Value.Split(
            ',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shape = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            // Python 2 wrote long integers with an L suffix: (1000L, 4L).
            if (!long.TryParse(parts[i].TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
            {
                throw Damaged(name, $"the shape {Excerpt.Of($"({match.Groups[1].Value})")}");
            }
        }

        return shape;
    }

    private static void CheckShape(long[] shape, string name)
    {
        var text = NpyHeader.FormatShape(shape);
        if (shape.Length is 0 or > 2)
        {
            var what = shape.Length == 0 ? "a single value" : $"{shape.Length} dimensions";
            throw new InvalidInputException(
                $"{name} has {what} (shape {text}); AiMass needs a 1-D array or a 2-D array [rows × features]; "
                + "reshape it, e.g. x.reshape(len(x), -1)");
        }

        if (shape[0] == 0)
        {
            throw new InvalidInputException($"{name} has no rows (shape {text}); it needs at least one row");
        }

        if (shape.Length == 2 && shape[1] == 0)
        {
            throw new InvalidInputException($"{name} has no columns (shape {text}); each row needs at least one value");
        }

        if (shape.Length == 2 && shape[1] > int.MaxValue)
        {
            throw new InvalidInputException($"{name} has {shape[1]} columns (shape {text}); AiMass reads at most "
                + $"{int.MaxValue}; transpose it if rows and columns are swapped");
        }
    }

    private static void CheckDataLength(NpyHeader header, string name, long fileLength)
    {
        var expected = (Int128)header.Rows * header.Features * header.DataType.Size();
        var follow = fileLength - header.DataOffset;
        if (follow >= expected)
        {
            return;
        }

        var size = header.IsOneDimensional ? $"{header.Rows}" : $"{header.Rows} × {header.Features}";
        throw new InvalidInputException(
            $"{name} is truncated: its header says {size} {header.DataType.NumpyName()} ({expected} bytes of data) "
            + $"but {follow} bytes follow; copy or save it again");
    }

    private static InvalidInputException Damaged(string name, string what) =>
        new($"{name} has a damaged .npy header ({what}); save it again with numpy.save");

    [GeneratedRegex("""['"]descr['"]\s*:\s*(?:(\[)|'([^']*)'|"([^"]*)")""")]
    private static partial Regex DescrPattern();

    [GeneratedRegex("""['"]fortran_order['"]\s*:\s*(True|False)""")]
    private static partial Regex FortranPattern();

    [GeneratedRegex("""['"]shape['"]\s*:\s*\(([^)]*)\)""")]
    private static partial Regex ShapePattern();
}
