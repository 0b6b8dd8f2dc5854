namespace AiMass.Kernels.Data;

/// <summary>
/// A table of numeric rows read in chunks, never needed whole in memory.
/// Shape: <c>[Rows × Features]</c>, row-major. Reads of any ranges may run concurrently on several threads
/// (the CPU E-step reads tiles from all its compute threads at once).
/// </summary>
public interface IRowSource
{
    /// <summary>Number of rows.</summary>
    long Rows { get; }

    /// <summary>Number of values per row.</summary>
    int Features { get; }

    /// <summary>A name for error messages (usually the file path).</summary>
    string Name { get; }

    /// <summary>
    /// Copies rows <c>[firstRow, firstRow + rowCount)</c> into <paramref name="destination"/>,
    /// row-major, which must hold <c>rowCount × Features</c> values.
    /// </summary>
    void Read(long firstRow, int rowCount, Span<double> destination);

    /// <summary>As <see cref="Read(long,int,Span{double})"/>, converting each value to float32.</summary>
    void Read(long firstRow, int rowCount, Span<float> destination);
}
