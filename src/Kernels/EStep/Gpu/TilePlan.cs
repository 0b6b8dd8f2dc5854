using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// How one Gaussian-mixture E-step is cut for a device: threads per group, rows per tile, number of groups and
/// the shared and partial memory they need. Fixed for a partition and a model shape, so the order of every
/// floating-point addition — and hence the result — is the same on every run.
/// </summary>
/// <param name="GroupSize">Threads per group.</param>
/// <param name="TileRows">Rows per tile T.</param>
/// <param name="Groups">Groups launched (grid size); each owns one float64 partial slice.</param>
/// <param name="SharedFloats">Dynamic shared memory per group, in floats.</param>
/// <param name="PartialLength">Length L of one group's partial statistics.</param>
internal sealed record TilePlan(int GroupSize, int TileRows, int Groups, int SharedFloats, int PartialLength)
{
    private const int MaxAutomaticTileRows = 128;
    private const int MaxAutomaticGroupSize = 256;

    /// <summary>
    /// The plan for K components of D features on <paramref name="limits"/>, for chunks of at most
    /// <paramref name="maxChunkRows"/> rows. Throws <see cref="DeviceCannotRunException"/> when the shape does not
    /// fit the device (the backend then computes the partition on the CPU path).
    /// </summary>
    public static TilePlan Create(
        DeviceLimits limits, IlgpuOptions options, CovarianceType type, int k, int d, long maxChunkRows)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(options);
        var group = options.GroupSize > 0 ? options.GroupSize : MaxAutomaticGroupSize;
        group = Math.Min(group, limits.MaxThreadsPerGroup);
        var length = (long)k + ((long)k * d) + GaussianMixtureStatistics.SecondMomentLength(type, k, d) + 1;
        if (length > int.MaxValue / 2)
        {
            throw new DeviceCannotRunException(
                $"K={k}, D={d} {type.Name()} statistics ({length} values) are too large for the ILGPU kernels.");
        }

        var tile = ChooseTileRows(limits, options, k, d);
        var tiles = Math.Max(1, (maxChunkRows + tile - 1) / tile);
        var byPartials = Math.Max(1, Math.Min(options.MaxPartialBytes / (8 * length), int.MaxValue / length));
        var resident = (long)limits.Multiprocessors * options.GroupsPerMultiprocessor;
        var groups = Math.Min(Math.Min(tiles, resident), byPartials);
        return new TilePlan(group, tile, (int)groups, GaussianTileArguments.SharedFloats(tile, d, k), (int)length);
    }

    private static int ChooseTileRows(DeviceLimits limits, IlgpuOptions options, int k, int d)
    {
        var maxBytes = options.MaxSharedMemoryBytes > 0
            ? Math.Min(options.MaxSharedMemoryBytes, limits.MaxSharedMemoryBytes)
            : limits.MaxSharedMemoryBytes;
        var perRowBytes = (long)GaussianTileArguments.SharedFloats(1, d, k) * sizeof(float);
        var fitting = (int)Math.Min(maxBytes / perRowBytes / 4 * 4, 1 << 20);
        var tile = options.TileRows > 0 ? options.TileRows : Math.Min(fitting, MaxAutomaticTileRows);
        if (tile < 4 || tile > fitting)
        {
            throw new DeviceCannotRunException(
                $"K={k}, D={d}: a tile of {Math.Max(tile, 4)} rows needs {Math.Max(tile, 4) * perRowBytes} bytes of " +
                $"shared memory per group, but {limits.Name} allows {maxBytes}; this shape runs on the CPU path.");
        }

        return tile;
    }
}
