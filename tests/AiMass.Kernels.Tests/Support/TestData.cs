using System.Text;
using System.Text.RegularExpressions;

namespace AiMass.Kernels.Tests.Support;

/// <summary>Locates committed fixtures and reads the float64 .npy files the fixture scripts write.</summary>
public static partial class TestData
{
    /// <summary>The repository's tests/fixtures folder, found by walking up from the test binaries.</summary>
    public static string FixturesRoot { get; } = FindFixtures();

    /// <summary>Path of a file under tests/fixtures.</summary>
    public static string Fixture(params string[] parts) => Path.Combine([FixturesRoot, .. parts]);

    /// <summary>Reads a little-endian float64 C-order .npy (v1–v3) as (values, rows, columns).</summary>
    public static (double[] Values, int Rows, int Columns) ReadNpy(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var major = bytes[6];
        var headerLength = major == 1 ? BitConverter.ToUInt16(bytes, 8) : (int)BitConverter.ToUInt32(bytes, 8);
        var offset = (major == 1 ? 10 : 12) + headerLength;
        var header = Encoding.Latin1.GetString(bytes, major == 1 ? 10 : 12, headerLength);
        if (!header.Contains("'<f8'") || header.Contains("'fortran_order': True"))
        {
            throw new InvalidDataException($"{path}: the test reader takes C-order <f8 only: {header}");
        }

        var shape = ShapePattern().Match(header).Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(int.Parse).ToArray();
        var rows = shape[0];
        var columns = shape.Length > 1 ? shape[1] : 1;
        var values = new double[rows * columns];
        Buffer.BlockCopy(bytes, offset, values, 0, values.Length * sizeof(double));
        return (values, rows, columns);
    }

    private static string FindFixtures()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
