using System.Globalization;
using System.Numerics;
using System.Text;
using AiMass.Kernels;

namespace AiMass.Seed.Data;

/// <summary>
/// Writes per-row outputs (log-likelihoods <c>[n]</c>, labels <c>[n]</c>, probabilities <c>[n × K]</c>) as
/// <c>.npy</c> or <c>.csv</c>, chosen by the extension. CSV has one row per line, no header, numbers in the
/// shortest form that reads back to the same float64; non-finite values are written as <c>nan</c>, <c>inf</c>,
/// <c>-inf</c> (what numpy.loadtxt and pandas read).
/// </summary>
public static class ArrayFileWriter
{
    /// <summary>Writes a 1-D float64 array (e.g. per-row log-likelihoods).</summary>
    /// <exception cref="InvalidInputException">Unsupported extension, or the file cannot be created.</exception>
    public static void Write(string path, ReadOnlySpan<double> values) =>
        Write(path, values, 1, NpyDataType.Float64, oneDimensional: true);

    /// <summary>Writes a 1-D int32 array (e.g. labels).</summary>
    /// <exception cref="InvalidInputException">Unsupported extension, or the file cannot be created.</exception>
    public static void Write(string path, ReadOnlySpan<int> values) =>
        Write(path, values, 1, NpyDataType.Int32, oneDimensional: true);

    /// <summary>Writes a 2-D float64 array <c>[n × columns]</c>, row-major (e.g. probabilities).</summary>
    /// <exception cref="InvalidInputException">Unsupported extension, or the file cannot be created.</exception>
    public static void Write(string path, ReadOnlySpan<double> values, int columns) =>
        Write(path, values, columns, NpyDataType.Float64, oneDimensional: false);

    private static void Write<T>(
        string path, ReadOnlySpan<T> values, int columns, NpyDataType type, bool oneDimensional)
        where T : unmanaged, INumberBase<T>, ISpanFormattable
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (values.Length % columns != 0)
        {
            throw new ArgumentException($"{values.Length} values are not whole rows of {columns}.", nameof(values));
        }

        var rows = values.Length / columns;
        var extension = System.IO.Path.GetExtension(path ?? "").ToLowerInvariant();
        switch (extension)
        {
            case ".npy":
                using (var writer = oneDimensional
                           ? NpyWriter.CreateVector(path!, type, rows)
                           : NpyWriter.Create(path!, type, rows, columns))
                {
                    writer.Append(values);
                    writer.Complete();
                }

                break;
            case ".csv":
                WriteCsv(path!, values, columns);
                break;
            default:
                throw new InvalidInputException(
                    $"cannot write '{path}': output files must end in .npy or .csv");
        }
    }

    private static void WriteCsv<T>(string path, ReadOnlySpan<T> values, int columns)
        where T : unmanaged, INumberBase<T>, ISpanFormattable
    {
        using var stream = OutputFile.Create(path);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        Span<char> text = stackalloc char[64];
        for (var i = 0; i < values.Length; i++)
        {
            writer.Write(Format(values[i], text));
            writer.Write((i + 1) % columns == 0 ? '\n' : ',');
        }
    }

    private static ReadOnlySpan<char> Format<T>(T value, Span<char> text)
        where T : unmanaged, INumberBase<T>, ISpanFormattable
    {
        if (T.IsNaN(value))
        {
            return "nan";
        }

        if (T.IsInfinity(value))
        {
            return T.IsNegative(value) ? "-inf" : "inf";
        }

        // .NET Core 3.0+ formats doubles in the shortest round-trip form by default.
        value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
        return text[..written];
    }
}
