using AiMass.Kernels.Data;

namespace AiMass.Seed.Data.Parts;

/// <summary>The rows of one partition, read once and held (<see cref="Rows"/>, in dataset row numbers), and what
/// holds them (disposed with this).</summary>
/// <param name="Held">The segments that hold the rows.</param>
/// <param name="Rows">The partition's rows.</param>
public sealed record PartitionRows(SegmentedRowSource Held, RowSlice Rows) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Held.Dispose();
}
