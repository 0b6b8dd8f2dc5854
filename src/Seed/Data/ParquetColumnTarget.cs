namespace AiMass.Seed.Data;

/// <summary>Where one column of one row group goes: column <paramref name="Column"/> of rows starting at
/// <paramref name="FirstRow"/> in a row-major <c>[rows × Features]</c> array.</summary>
/// <param name="Values">The destination, row-major.</param>
/// <param name="FirstRow">The row group's first row in the file.</param>
/// <param name="Column">The column index.</param>
/// <param name="Features">Values per row.</param>
/// <param name="FileName">The file, for messages.</param>
/// <param name="RowBase">Added to a row's index in <paramref name="Values"/> to name it in messages (the file row
/// of the buffer's first row, when the buffer holds one row group).</param>
/// <param name="Skip">Rows of the group to pass over first (neither stored nor checked).</param>
/// <param name="Take">Rows to store after them (the rest are passed over).</param>
internal readonly record struct ParquetColumnTarget(
    double[] Values, long FirstRow, int Column, int Features, string FileName, long RowBase = 0, long Skip = 0,
    long Take = long.MaxValue);
