using AiMass.Kernels.Data;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The resident tile copy of one partition (at most one at a time, for the shape and tile cut last asked for)
/// and the share of the backend's <see cref="ResidentBudget"/> it holds. A partition whose copy does not fit the
/// budget gets none and streams; it asks again on its next run (another partition may have let go of its copy).
/// </summary>
internal sealed class PartitionResidency(ResidentBudget budget, DataPartition partition) : IDisposable
{
    private object? _tiles;

    /// <summary>Bytes this partition holds of the budget.</summary>
    public long Bytes { get; private set; }

    /// <summary>True while the partition has a copy (complete or being filled).</summary>
    public bool HasCopy => _tiles is not null;

    /// <summary>
    /// The copy for tiles of <paramref name="layout"/>'s shape, <paramref name="tiles"/> of them cut per
    /// sequence or from the first row: the one held when it matches, otherwise a new (empty) one when the
    /// budget allows, otherwise null (stream). Any copy of another shape is let go first.
    /// </summary>
    public ResidentTiles<T>? For<T>(MixtureLayout layout, long tiles, bool bySequence)
        where T : unmanaged
    {
        if (_tiles is ResidentTiles<T> held && held.Fits(layout, (int)Math.Min(tiles, int.MaxValue), bySequence))
        {
            return held;
        }

        Release();
        var weighted = partition.Weights is not null;
        var bytes = ResidentTiles<T>.Bytes(layout, tiles, weighted, bySequence);
        if (tiles <= 0 || tiles > Array.MaxLength / MixtureLayout.TileRows || !budget.TryReserve(bytes))
        {
            return null;
        }

        try
        {
            var created = new ResidentTiles<T>(layout, (int)tiles, weighted, bySequence);
            (_tiles, Bytes) = (created, bytes);
            return created;
        }
        catch (OutOfMemoryException)
        {
            // The budget said yes but the process cannot have the memory: stream instead.
            budget.Release(bytes);
            return null;
        }
    }

    /// <summary>Lets the copy go and returns its bytes to the budget.</summary>
    public void Release()
    {
        if (_tiles is null)
        {
            return;
        }

        budget.Release(Bytes);
        (_tiles, Bytes) = (null, 0);
    }

    /// <inheritdoc />
    public void Dispose() => Release();
}
