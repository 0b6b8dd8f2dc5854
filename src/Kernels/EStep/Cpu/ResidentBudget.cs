namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The bytes a backend's partitions may hold in resident tile copies, all partitions together
/// (<see cref="EStepOptions.ResidentBytes"/>): first come, first served; a partition that does not fit what is
/// left streams, and bytes come back when a partition lets its copy go.
/// </summary>
internal sealed class ResidentBudget(long limit)
{
    private readonly Lock _lock = new();
    private long _used;

    /// <summary>The total budget in bytes.</summary>
    public long Limit { get; } = Math.Max(0, limit);

    /// <summary>Bytes currently reserved.</summary>
    public long Used
    {
        get
        {
            lock (_lock)
            {
                return _used;
            }
        }
    }

    /// <summary>Reserves <paramref name="bytes"/> when they fit what is left; false (nothing reserved) otherwise.
    /// </summary>
    public bool TryReserve(long bytes)
    {
        lock (_lock)
        {
            if (bytes < 0 || bytes > Limit - _used)
            {
                return false;
            }

            _used += bytes;
            return true;
        }
    }

    /// <summary>Returns <paramref name="bytes"/> reserved earlier.</summary>
    public void Release(long bytes)
    {
        lock (_lock)
        {
            _used = Math.Max(0, _used - bytes);
        }
    }
}
