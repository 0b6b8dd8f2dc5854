using AiMass.Kernels.Data;

namespace AiMass.Kernels.Hmm;

/// <summary>
/// Categorical HMM data: one integer symbol 0..M−1 per row, in a single column (hmmlearn's
/// <c>CategoricalHMM</c> input).
/// </summary>
public static class CategoricalSymbols
{
    /// <summary>
    /// The symbol in <paramref name="value"/>, checked to be an integer in 0..<paramref name="symbols"/>−1
    /// (no upper bound when <paramref name="symbols"/> is 0). Throws <see cref="InvalidInputException"/> naming
    /// <paramref name="source"/> and <paramref name="row"/>.
    /// </summary>
    public static int Check(double value, int symbols, string source, long row)
    {
        if (!(value >= 0) || value != Math.Floor(value) || value > int.MaxValue || (symbols > 0 && value >= symbols))
        {
            var range = symbols > 0 ? $"0..{symbols - 1}" : "0 or more";
            throw new InvalidInputException(
                $"{source} row {row}: symbol {value} is not an integer in {range}; categorical HMM data need one " +
                "integer symbol per row.");
        }

        return (int)value;
    }

    /// <summary>Throws unless <paramref name="rows"/> has exactly one column.</summary>
    public static void CheckColumns(IRowSource rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Features != 1)
        {
            throw new InvalidInputException(
                $"{rows.Name} has {rows.Features} columns; categorical HMM data need exactly one column of " +
                "integer symbols.");
        }
    }

    /// <summary>
    /// The number of symbols M = (largest symbol) + 1 in <paramref name="rows"/>, checking every row (hmmlearn
    /// infers <c>n_features</c> the same way).
    /// </summary>
    public static int Count(IRowSource rows, CancellationToken cancellationToken = default)
    {
        CheckColumns(rows);
        var origin = HmmSequences.Origin(rows);
        var max = -1;
        RowChunks.ForEach(new DataPartition(0, rows), RowChunks.DefaultChunkRows, cancellationToken, (first, n, v, _) =>
        {
            for (var i = 0; i < n; i++)
            {
                max = Math.Max(max, Check(v[i], 0, rows.Name, origin + first + i));
            }
        });
        if (max < 0)
        {
            throw new InvalidInputException($"{rows.Name} has no rows; there are no symbols to count.");
        }

        return max + 1;
    }
}
