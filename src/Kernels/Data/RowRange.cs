namespace AiMass.Kernels.Data;

/// <summary>Argument checks shared by every <see cref="IRowSource"/> implementation.</summary>
public static class RowRange
{
    /// <summary>
    /// Throws when <c>[firstRow, firstRow + rowCount)</c> is outside the source or the buffer is short.
    /// </summary>
    public static void Check(IRowSource source, long firstRow, int rowCount, int destinationLength)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (firstRow < 0 || rowCount < 0 || firstRow + rowCount > source.Rows)
        {
            throw new ArgumentOutOfRangeException(
                nameof(firstRow),
                $"Rows [{firstRow}, {firstRow + rowCount}) are outside {source.Name} ({source.Rows} rows).");
        }

        if (destinationLength < (long)rowCount * source.Features)
        {
            throw new ArgumentException(
                $"The buffer holds {destinationLength} values; {rowCount} rows × {source.Features} features " +
                "need more.");
        }
    }
}
