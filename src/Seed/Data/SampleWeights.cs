using System.Globalization;
using AiMass.Kernels;
using AiMass.Kernels.Data;

namespace AiMass.Seed.Data;

/// <summary>
/// Per-row sample weights, <c>[n × 1]</c>, from a <c>.npy</c> file (shape <c>(n,)</c> or <c>(n, 1)</c>, memory
/// mapped), a <c>.csv</c> file with one column, or plain text with one number per line (read as a one-column CSV:
/// blank lines skipped, a header line allowed).
/// </summary>
public static class SampleWeights
{
    private const string Role = "weights file";

    /// <summary>
    /// Opens and checks the weights for <paramref name="data"/>: one per row, each finite and ≥ 0, not all zero.
    /// A <c>.npy</c> result is <see cref="IDisposable"/>: dispose it when done.
    /// </summary>
    /// <exception cref="InvalidInputException">A check fails; the message names the file and row.</exception>
    public static IRowSource Open(string path, IRowSource data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return DataFile.OpenColumn(path, Role, weights => Check(weights, data));
    }

    /// <summary>Checks <paramref name="weights"/> against <paramref name="data"/> once (at planning): one per row,
    /// each finite and ≥ 0, not all zero.</summary>
    /// <exception cref="InvalidInputException">A check fails; the message names the file and row.</exception>
    public static void Validate(IRowSource weights, IRowSource data)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(data);
        Check(weights, data);
    }

    /// <summary>Checks the weights' shape: one value per row, as many rows as the data.</summary>
    /// <exception cref="InvalidInputException">Another shape; the message names both files.</exception>
    public static void CheckShape(string name, int features, long rows, string dataName, long dataRows)
    {
        if (features != 1)
        {
            throw new InvalidInputException(
                $"{name} has {features} values per row; sample weights need one value per row "
                + "(shape (n,) or (n, 1), or one number per line)");
        }

        if (rows != dataRows)
        {
            throw new InvalidInputException(
                $"{name} has {rows} values but {dataName} has {dataRows} rows; give one weight per row");
        }
    }

    private static void Check(IRowSource weights, IRowSource data)
    {
        var name = weights.Name;
        CheckShape(name, weights.Features, weights.Rows, data.Name, data.Rows);

        var buffer = new double[FiniteCheck.ChunkValues];
        var anyPositive = false;
        for (long first = 0; first < weights.Rows; first += buffer.Length)
        {
            var n = (int)Math.Min(buffer.Length, weights.Rows - first);
            weights.Read(first, n, buffer.AsSpan(0, n));
            for (var i = 0; i < n; i++)
            {
                var w = buffer[i];
                if (!double.IsFinite(w) || w < 0)
                {
                    var problem = double.IsFinite(w)
                        ? $"weight {w.ToString(CultureInfo.InvariantCulture)} is negative; sample weights must be ≥ 0"
                        : $"weight {FiniteCheck.Describe(w)}";
                    throw new InvalidInputException($"{name} row {first + i}: {problem}");
                }

                anyPositive |= w > 0;
            }
        }

        if (!anyPositive)
        {
            throw new InvalidInputException($"every weight in {name} is 0; at least one row needs a positive weight");
        }
    }
}
