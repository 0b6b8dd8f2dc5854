using System.Text;
using System.Text.RegularExpressions;

namespace AiMass.Kernels.Tests.Hmm;

/// <summary>
/// A minimal reader of the fixtures' .npy files (little-endian float64 or int64, C order, 1-D or 2-D).
/// </summary>
internal static partial class NpyReader
{
    /// <summary>The values as float64, row-major, and the number of columns (1 for a 1-D array).</summary>
    public static (double[] Values, int Columns) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
        {
            throw new InvalidDataException($"{path} is not an .npy file.");
        }

        var major = bytes[6];
        var headerLength = major == 1 ? BitConverter.ToUInt16(bytes, 8) : (int)BitConverter.ToUInt32(bytes, 8);
        var headerStart = major == 1 ? 10 : 12;
        var header = Encoding.ASCII.GetString(bytes, headerStart, headerLength);
        var descr = Descr().Match(header).Groups[1].Value;
        if (header.Contains("'fortran_order': True", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path} is in Fortran order.");
        }

        var shape = Shape().Match(header).Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(int.Parse).ToArray();
        var count = shape.Aggregate(1, (a, b) => a * b);
        var data = bytes.AsSpan(headerStart + headerLength);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = descr switch
            {
                "<f8" => BitConverter.ToDouble(data.Slice(i * 8, 8)),
                "<i8" => BitConverter.ToInt64(data.Slice(i * 8, 8)),
                _ => throw new InvalidDataException($"{path} has dtype {descr}; the reader takes <f8 and <i8."),
            };
        }

        return (values, shape.Length == 1 ? 1 : shape[1]);
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex Descr();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex Shape();
}
