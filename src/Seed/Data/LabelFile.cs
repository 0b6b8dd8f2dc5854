using System.Globalization;
using AiMass.Kernels;
using AiMass.Kernels.Data;

namespace AiMass.Seed.Data;

/// <summary>
/// Partial labels, <c>[n × 1]</c>, for semi-supervised EM: a <c>.npy</c> file (integer or float, shape <c>(n,)</c> or
/// <c>(n, 1)</c>, memory mapped) or text with one integer per line (read as a one-column CSV). Each value is a row's
/// component or state, or −1 for unknown; the upper bound (the model's K or S) is checked where the model is known.
/// </summary>
public static class LabelFile
{
    private const string Role = "labels file";

    /// <summary>Opens and checks the labels for <paramref name="data"/>: one per row, each an integer ≥ −1.</summary>
    public static IRowSource Open(string path, IRowSource data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return DataFile.OpenColumn(path, Role, labels => Check(labels, data));
    }

    private static void Check(IRowSource labels, IRowSource data)
    {
        var name = labels.Name;
        if (labels.Features != 1)
        {
            throw new InvalidInputException(
                $"{name} has {labels.Features} values per row; labels need one integer per row (-1: unknown)");
        }

        if (labels.Rows != data.Rows)
        {
            throw new InvalidInputException(
                $"{name} has {labels.Rows} labels but {data.Name} has {data.Rows} rows; give one label per row " +
                "(-1 where unknown)");
        }

        var buffer = new double[FiniteCheck.ChunkValues];
        for (long first = 0; first < labels.Rows; first += buffer.Length)
        {
            var n = (int)Math.Min(buffer.Length, labels.Rows - first);
            labels.Read(first, n, buffer.AsSpan(0, n));
            for (var i = 0; i < n; i++)
            {
                var v = buffer[i];
                if (!double.IsFinite(v) || v != Math.Floor(v) || v < -1)
                {
                    var shown = double.IsFinite(v)
                        ? v.ToString("R", CultureInfo.InvariantCulture)
                        : FiniteCheck.Describe(v);
                    throw new InvalidInputException(
                        $"{name} row {first + i}: label {shown} is not an integer ≥ -1 (-1 means unknown)");
                }
            }
        }
    }
}
