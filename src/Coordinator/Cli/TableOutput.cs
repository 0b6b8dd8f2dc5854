using AiMass.Kernels;
using AiMass.Seed.Data;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// A per-row output file (<c>.npy</c> streamed chunk by chunk, or <c>.csv</c> collected and written at the end),
/// for score, predict and decode.
/// </summary>
public sealed class TableOutput : IDisposable
{
    private readonly string _path;
    private readonly int _columns;
    private readonly bool _oneDimensional;
    private readonly NpyWriter? _npy;
    private readonly List<double> _doubles = [];
    private readonly List<int> _ints = [];

    private TableOutput(string path, long rows, int columns, bool integers, bool oneDimensional)
    {
        _path = path;
        _columns = columns;
        _oneDimensional = oneDimensional;
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".npy")
        {
            var type = integers ? NpyDataType.Int32 : NpyDataType.Float64;
            _npy = oneDimensional
                ? NpyWriter.CreateVector(path, type, rows)
                : NpyWriter.Create(path, type, rows, columns);
        }
        else if (extension != ".csv")
        {
            throw new InvalidInputException($"Cannot write '{path}': output files must end in .npy or .csv.");
        }
    }

    /// <summary>
    /// A float64 output of <paramref name="rows"/> × <paramref name="columns"/> (1-D when columns is 1).
    /// </summary>
    public static TableOutput ForDoubles(string path, long rows, int columns = 1) =>
        new(path, rows, columns, integers: false, oneDimensional: columns == 1);

    /// <summary>An int32 output of <paramref name="rows"/> values.</summary>
    public static TableOutput ForIntegers(string path, long rows) =>
        new(path, rows, 1, integers: true, oneDimensional: true);

    /// <summary>Appends rows of float64 values.</summary>
    public void Append(ReadOnlySpan<double> values)
    {
        if (_npy is not null)
        {
            _npy.WriteRows(values);
        }
        else
        {
            _doubles.AddRange(values);
        }
    }

    /// <summary>Appends int32 values.</summary>
    public void Append(ReadOnlySpan<int> values)
    {
        if (_npy is not null)
        {
            _npy.WriteRows(values);
        }
        else
        {
            _ints.AddRange(values);
        }
    }

    /// <summary>Finishes the file (a disposed, incomplete .npy is deleted).</summary>
    public void Complete()
    {
        if (_npy is not null)
        {
            _npy.Complete();
        }
        else if (_ints.Count > 0)
        {
            ArrayFileWriter.Write(_path, _ints.ToArray());
        }
        else if (_oneDimensional)
        {
            ArrayFileWriter.Write(_path, _doubles.ToArray());
        }
        else
        {
            ArrayFileWriter.Write(_path, _doubles.ToArray(), _columns);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _npy?.Dispose();
}
