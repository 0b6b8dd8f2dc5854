using System.Text;
using AiMass.Kernels.Data;

namespace AiMass.Seed.Data;

/// <summary>
/// A comma-separated text file of numbers, with an optional header line, loaded whole into memory as float64
/// (<c>[Rows × Features]</c>, row-major): CSV is for modest data (up to ~10⁸ values); use <c>.npy</c> (memory
/// mapped) or Parquet for more. Every cell is checked when the file is read: non-numeric, empty, NaN and infinite
/// cells and ragged rows are errors naming the file, line, row and column, so no NaN check is needed later.
/// </summary>
public sealed class CsvRowSource : IRowSource
{
    private readonly double[] _values;

    internal CsvRowSource(double[] values, int features, string name, IReadOnlyList<string>? columnNames)
    {
        _values = values;
        Features = features;
        Name = name;
        ColumnNames = columnNames;
    }

    /// <inheritdoc />
    public long Rows => _values.Length / Features;

    /// <inheritdoc />
    public int Features { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The header's column names, or null when the file has no header.</summary>
    public IReadOnlyList<string>? ColumnNames { get; }

    /// <summary>Reads the CSV file at <paramref name="path"/>; <paramref name="role"/> names it in messages.</summary>
    /// <exception cref="AiMass.Kernels.InvalidInputException">The file is missing, empty, ragged, or has a cell
    /// that is not a finite number.</exception>
    public static CsvRowSource Open(string path, string role = "data file")
    {
        using var stream = DataFile.OpenRead(path, role, 1 << 16);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return CsvLoader.Load(reader, path);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="name"/> names it in messages.</summary>
    public static CsvRowSource Read(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return CsvLoader.Load(reader, name);
    }

    /// <inheritdoc />
    public void Read(long firstRow, int rowCount, Span<double> destination)
    {
        RowRange.Check(this, firstRow, rowCount, destination.Length);
        _values.AsSpan((int)(firstRow * Features), rowCount * Features).CopyTo(destination);
    }

    /// <inheritdoc />
    public void Read(long firstRow, int rowCount, Span<float> destination)
    {
        RowRange.Check(this, firstRow, rowCount, destination.Length);
        NumericConvert.Narrow(_values.AsSpan((int)(firstRow * Features), rowCount * Features), destination);
    }
}
