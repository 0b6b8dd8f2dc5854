using AiMass.Kernels;
using AiMass.Kernels.Input;

namespace AiMass.Seed.Data;

/// <summary>
/// Reads CSV text into a row-major float64 array, line by line, validating every cell. The first non-blank line
/// is a header when one of its cells is text (not a number, NaN, Inf or a missing-value marker). Blank lines are
/// skipped (as pandas does). Line numbers in messages count from 1, rows and columns from 0.
/// </summary>
internal sealed class CsvLoader
{
    private readonly string _name;
    private double[] _values = new double[4096];
    private long _count;
    private long _rows;
    private int _features = -1;
    private long _firstLine;
    private string[]? _columnNames;
    private readonly BinaryWriter? _sink;

    private CsvLoader(string name, BinaryWriter? sink = null) => (_name, _sink) = (name, sink);

    /// <summary>Reads all of <paramref name="reader"/>; <paramref name="name"/> names the file in messages.</summary>
    public static CsvRowSource Load(TextReader reader, string name)
    {
        var loader = new CsvLoader(name);
        loader.ReadAll(reader);
        loader.CheckShape();
        Array.Resize(ref loader._values, (int)loader._count);
        return new CsvRowSource(loader._values, loader._features, name, loader._columnNames);
    }

    /// <summary>
    /// Reads all of <paramref name="reader"/> with the same checks as <see cref="Load"/>, writing each value to
    /// <paramref name="output"/> as a little-endian float64 instead of holding it; returns the shape.
    /// </summary>
    public static (long Rows, int Features) Convert(TextReader reader, string name, BinaryWriter output)
    {
        var loader = new CsvLoader(name, output);
        loader.ReadAll(reader);
        loader.CheckShape();
        return (loader._rows, loader._features);
    }

    private void ReadAll(TextReader reader)
    {
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                Add(line, lineNumber);
            }
        }
    }

    private void CheckShape()
    {
        if (_features < 0)
        {
            throw new InvalidInputException($"{_name} is empty; it needs rows of comma-separated numbers");
        }

        if (_rows == 0)
        {
            throw new InvalidInputException(
                $"{_name} has a header (line {_firstLine}) but no data rows; it needs at least one row of numbers");
        }
    }

    private void Add(string line, long lineNumber)
    {
        var cellCount = CsvCells.Count(line);
        if (_features < 0)
        {
            _features = cellCount;
            _firstLine = lineNumber;
            if (IsHeader(line))
            {
                _columnNames = ReadNames(line);
                return;
            }
        }
        else if (cellCount != _features)
        {
            var first = _columnNames is null ? $"the first row has {_features}" : $"the header has {_features}";
            throw new InvalidInputException(
                $"{_name} line {lineNumber} (row {_rows}) has {cellCount} values; {first}; "
                + "give every row the same number of comma-separated values");
        }

        if (_sink is null)
        {
            Reserve(_features);
        }

        var cells = new CsvCells(line);
        for (var column = 0; cells.TryNext(out var cell); column++)
        {
            var kind = CsvValue.Parse(cell, out var value);
            if (kind != CsvValueKind.Number)
            {
                throw new InvalidInputException(
                    $"{_name} line {lineNumber} (row {_rows}), {ColumnLabel(column)}: {CsvValue.Problem(kind, cell)}");
            }

            if (_sink is null)
            {
                _values[_count++] = value;
            }
            else
            {
                _sink.Write(value);
            }
        }

        _rows++;
    }

    private static bool IsHeader(string line)
    {
        var cells = new CsvCells(line);
        while (cells.TryNext(out var cell))
        {
            if (CsvValue.Parse(cell, out _) == CsvValueKind.Text)
            {
                return true;
            }
        }

        return false;
    }

    private static string[] ReadNames(string line)
    {
        var names = new List<string>();
        var cells = new CsvCells(line);
        while (cells.TryNext(out var cell))
        {
            names.Add(cell.ToString());
        }

        return [.. names];
    }

    private string ColumnLabel(int column) =>
        _columnNames is null || _columnNames[column].Length == 0
            ? $"column {column}"
            : $"column {column} ({Excerpt.Of(_columnNames[column])})";

    private void Reserve(int more)
    {
        if (_count + more <= _values.Length)
        {
            return;
        }

        var size = Math.Min((long)_values.Length * 2, Array.MaxLength);
        if (size < _count + more)
        {
            throw new InvalidInputException(
                $"{_name} has more than {Array.MaxLength} values, too many for a CSV file held in memory; "
                + "convert it to .npy (numpy.save) or .parquet");
        }

        Array.Resize(ref _values, (int)size);
    }
}
