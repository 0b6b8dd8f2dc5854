namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// Tuning and memory policy of the ILGPU backend. Zero means "choose from the device". Every value only changes
/// how the work is cut, never the math; results are reproducible for fixed options on a fixed device.
/// </summary>
public sealed record IlgpuOptions
{
    /// <summary>Default options: sizes chosen from the device.</summary>
    public static IlgpuOptions Default { get; } = new();

    /// <summary>Rows per tile T (a multiple of 4); 0 = the largest that fits shared memory, at most 128.</summary>
    public int TileRows { get; init; }

    /// <summary>Threads per group; 0 = min(256, the device's maximum).</summary>
    public int GroupSize { get; init; }

    /// <summary>Groups launched per multiprocessor (each owns a float64 partial-statistics slice).</summary>
    public int GroupsPerMultiprocessor { get; init; } = 2;

    /// <summary>Upper bound on shared memory per group in bytes; 0 = the device's limit.</summary>
    public int MaxSharedMemoryBytes { get; init; }

    /// <summary>Rows per device chunk (one kernel launch); also capped so that rows·D &lt; 2³¹.</summary>
    public int MaxChunkRows { get; init; } = 1 << 24;

    /// <summary>
    /// Device bytes a partition's rows may keep resident across iterations; 0 = 60% of the device memory
    /// (at most 2 GiB on ILGPU's CPU accelerator). Rows beyond it are streamed through one staging chunk
    /// every iteration.
    /// </summary>
    public long MaxResidentBytes { get; init; }

    /// <summary>Upper bound on the per-group float64 partials (groups × statistics length × 8 bytes).</summary>
    public long MaxPartialBytes { get; init; } = 512L << 20;

    /// <summary>
    /// Device bytes of the HMM forward-backward workspace, (2S + 2)·8 bytes per row of a batch of sequences and
    /// shared by the backend's partitions; 0 = 1/8 of the device memory (256 MiB on ILGPU's CPU accelerator).
    /// It always holds at least the longest sequence; smaller values mean more, smaller batches.
    /// </summary>
    public long HmmWorkspaceBytes { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        if (TileRows < 0 || TileRows % 4 != 0)
        {
            throw new ArgumentException($"TileRows is {TileRows}; use 0 (automatic) or a positive multiple of 4.");
        }

        if (GroupSize < 0 || GroupsPerMultiprocessor < 1 || MaxSharedMemoryBytes < 0 || MaxChunkRows < 1
            || MaxResidentBytes < 0 || MaxPartialBytes < 1 || HmmWorkspaceBytes < 0)
        {
            throw new ArgumentException(
                $"Invalid ILGPU options {this}: sizes must be ≥ 0 (group size, shared memory, resident and HMM " +
                "workspace bytes) or ≥ 1 (groups per multiprocessor, chunk rows, partial bytes).");
        }
    }
}
