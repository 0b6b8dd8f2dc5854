namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// One reusable <see cref="TileWorkspace{T}"/> per compute thread, kept across iterations and partitions and
/// replaced only when the shape changes. Safe without locks: thread i only ever touches slot i.
/// </summary>
internal sealed class WorkspaceCache(int workers)
{
    private readonly object?[] _slots = new object?[workers];

    /// <summary>Number of compute threads (slots).</summary>
    public int Size => _slots.Length;

    /// <summary>The workspace of <paramref name="worker"/> for <paramref name="layout"/>.</summary>
    public TileWorkspace<T> Get<T>(int worker, MixtureLayout layout)
        where T : unmanaged
    {
        if (_slots[worker] is TileWorkspace<T> existing && existing.Layout == layout)
        {
            return existing;
        }

        var created = new TileWorkspace<T>(layout);
        _slots[worker] = created;
        return created;
    }

    /// <summary>
    /// The workspace of <paramref name="worker"/> when it is a <typeparamref name="TWorkspace"/> that
    /// <paramref name="fits"/> accepts; otherwise a new one from <paramref name="create"/>, kept in its place.
    /// </summary>
    public TWorkspace Get<TWorkspace>(int worker, Func<TWorkspace, bool> fits, Func<TWorkspace> create)
        where TWorkspace : class
    {
        if (_slots[worker] is TWorkspace existing && fits(existing))
        {
            return existing;
        }

        var created = create();
        _slots[worker] = created;
        return created;
    }

    /// <summary>A per-thread float64 buffer of at least <paramref name="length"/> values (for column sums).</summary>
    public double[] Doubles(int worker, int length)
    {
        if (_slots[worker] is double[] existing && existing.Length == length)
        {
            return existing;
        }

        var created = new double[length];
        _slots[worker] = created;
        return created;
    }
}
