using AiMass.Kernels.Hmm;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// How one partition's HMM E-step is cut for a device, fixed for a partition and a model shape so the order of
/// every floating-point addition — and hence the result — is the same on every run.
/// </summary>
/// <param name="Emission">The emission kind.</param>
/// <param name="Shape">Model sizes, tile rows and partial layout.</param>
/// <param name="TileGroupSize">Threads per group of the emission and statistics tile kernels.</param>
/// <param name="RecursionGroupSize">Threads per group (one sequence) of the forward-backward kernel.</param>
/// <param name="StatisticsGroups">Groups of the statistics kernel; each owns one float64 partial slice.</param>
/// <param name="EmissionGroups">Most groups the emission kernel launches (it writes no partials).</param>
/// <param name="WorkspaceRows">Rows of the forward-backward workspace: the largest batch of sequences.</param>
internal sealed record HmmPlan(
    HmmEmission Emission,
    HmmShape Shape,
    int TileGroupSize,
    int RecursionGroupSize,
    int StatisticsGroups,
    int EmissionGroups,
    int WorkspaceRows)
{
    /// <summary>Most groups one forward-backward launch asks for (more sequences are taken grid-stride).</summary>
    public const int MaxRecursionGroups = 1 << 20;

    private const int MaxAutomaticTileRows = 64;
    private const int MaxAutomaticGroupSize = 256;
    private const int WarpSize = 32;

    /// <summary>float64 values of shared memory per tile-kernel group.</summary>
    public int TileSharedDoubles => HmmTileArguments.SharedDoubles(Shape.TileRows, Shape.Features, Shape.States);

    /// <summary>float64 values of shared memory per forward-backward group: 2S.</summary>
    public int RecursionSharedDoubles => 2 * Shape.States;

    /// <summary>
    /// The plan for <paramref name="parameters"/> on <paramref name="limits"/>: tiles as large as shared memory
    /// allows (at most 64 rows), one warp or more per sequence (⌈S/32⌉ warps, at most 256 threads; threads loop
    /// over the states beyond), a workspace of <paramref name="workspaceBytes"/> but at least the longest
    /// sequence. Throws <see cref="DeviceCannotRunException"/> for a shape the device cannot hold (the backend then
    /// computes the partition on the CPU path).
    /// </summary>
    public static HmmPlan Create(
        DeviceLimits limits, IlgpuOptions options, HmmParameters parameters, long workspaceBytes,
        int longestSequence, int largestChunkRows)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parameters);
        int s = parameters.States, d = parameters.Emission.IsGaussian() ? parameters.Features : 1;
        var length = HmmShape.PartialLengthOf(parameters.Emission, s, d, parameters.Symbols);
        if (length > int.MaxValue / 2 || (long)longestSequence * s >= int.MaxValue)
        {
            throw new DeviceCannotRunException(
                $"S={s}, D={d}, M={parameters.Symbols} HMM statistics ({length} values) or a sequence of " +
                $"{longestSequence} steps are too large for the ILGPU kernels.");
        }

        var tile = ChooseTileRows(limits, options, s, d);
        var shape = HmmShape.Create(parameters.Emission, s, d, parameters.Symbols, tile);
        var workspace = ChooseWorkspaceRows(workspaceBytes, s, longestSequence, largestChunkRows);
        var resident = (long)limits.Multiprocessors * options.GroupsPerMultiprocessor;
        var byPartials = Math.Max(1, options.MaxPartialBytes / (8 * length));
        var tiles = Math.Max(1, ((long)workspace + tile - 1) / tile);
        var statisticsGroups = (int)Math.Min(Math.Min(tiles, resident), byPartials);
        var group = Math.Min(
            options.GroupSize > 0 ? options.GroupSize : MaxAutomaticGroupSize, limits.MaxThreadsPerGroup);
        var warps = (s + WarpSize - 1) / WarpSize * WarpSize;
        var recursion = Math.Min(Math.Min(warps, MaxAutomaticGroupSize), limits.MaxThreadsPerGroup);
        var emissionGroups = (int)Math.Min(4 * resident, int.MaxValue);
        return new HmmPlan(
            parameters.Emission, shape, group, recursion, statisticsGroups, emissionGroups, workspace);
    }

    /// <summary>True when this plan was made for a model of <paramref name="parameters"/>' shape.</summary>
    public bool Fits(HmmParameters parameters) =>
        parameters.Emission == Emission && parameters.States == Shape.States && parameters.Symbols == Shape.Symbols
        && (parameters.Emission.IsGaussian() ? parameters.Features : 1) == Shape.Features;

    /// <summary>Groups the emission kernel launches for a batch of <paramref name="rows"/> rows.</summary>
    public int EmissionGroupsFor(int rows) =>
        (int)Math.Max(1, Math.Min(((long)rows + Shape.TileRows - 1) / Shape.TileRows, EmissionGroups));

    private static int ChooseTileRows(DeviceLimits limits, IlgpuOptions options, int s, int d)
    {
        var maxBytes = options.MaxSharedMemoryBytes > 0
            ? Math.Min(options.MaxSharedMemoryBytes, limits.MaxSharedMemoryBytes)
            : limits.MaxSharedMemoryBytes;
        var perRowBytes = (long)HmmTileArguments.SharedDoubles(1, d, s) * sizeof(double);
        var fitting = (int)Math.Min(maxBytes / perRowBytes, 1 << 20);
        var tile = options.TileRows > 0 ? options.TileRows : Math.Min(fitting, MaxAutomaticTileRows);
        if (tile < 1 || tile > fitting || 2L * s * sizeof(double) > maxBytes)
        {
            throw new DeviceCannotRunException(
                $"S={s}, D={d}: the HMM kernels need {perRowBytes} bytes of shared memory per tile row and " +
                $"{2L * s * sizeof(double)} per sequence, but {limits.Name} allows {maxBytes} per group" +
                (options.TileRows > 0 ? $" (tile of {options.TileRows} rows requested)" : string.Empty) +
                "; this shape runs on the CPU path.");
        }

        return tile;
    }

    /// <summary>Batch rows: what <paramref name="bytes"/> hold at (2S + 2)·8 bytes per row, at least the longest
    /// sequence, at most the largest chunk and int32-indexable.</summary>
    private static int ChooseWorkspaceRows(long bytes, int s, int longestSequence, int largestChunkRows)
    {
        var byBudget = bytes / ((2L * s + 2) * sizeof(double));
        var rows = Math.Min(byBudget, Math.Max(largestChunkRows, 1));
        rows = Math.Min(Math.Max(rows, longestSequence), (int.MaxValue - 1) / s - 1);
        return (int)Math.Max(rows, 1);
    }
}
