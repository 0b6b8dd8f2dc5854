namespace AiMass.Kernels.EStep;

/// <summary>Options for creating an E-step backend (<c>--threads</c>, the CPU path's resident tile budget).</summary>
/// <param name="Precision">Arithmetic precision of E-steps that name none (benchmarks, tests); a fit names its own
/// every step (<see cref="Em.EmFit.PrecisionToEvaluate"/>).</param>
/// <param name="Threads">Compute threads a CPU backend owns; 0 or less means one per logical processor.</param>
public sealed record EStepOptions(EStepPrecision Precision = EStepPrecision.Single, int Threads = 0)
{
    /// <summary>Upper bound of the default <see cref="ResidentBytes"/>: 2 GiB.</summary>
    public const long DefaultResidentCap = 2L << 30;

    /// <summary>The defaults: single precision, one thread per logical processor, the default resident budget.
    /// </summary>
    public static EStepOptions Default { get; } = new();

    /// <summary>
    /// Bytes of memory the CPU backend may spend, over all its partitions together, on resident copies of
    /// partitions' prepared tiles (centred, in the element type, with D rounded up to the vector width: 4·D bytes a
    /// row for a float32 mixture on an AVX2 machine, half the float64 data; twice that where the feature-major layout
    /// is kept too: HMMs, no AVX2; 16·D for float64). A partition whose copy fits
    /// what is left is prepared once and reused every iteration; one that does not is streamed from its row source
    /// every iteration. 0 turns the copies off; null (the default) means <see cref="DefaultResidentBytes"/>.
    /// </summary>
    public long? ResidentBytes { get; init; }

    /// <summary>
    /// The CPU path's vector implementation (<c>--cpu-kernels</c>): Auto takes the widest the CPU accelerates.
    /// Workers of different widths sum lanes in different orders (docs/OPERATIONS.md); pinning one set on every
    /// worker makes their statistics bit-identical.
    /// </summary>
    public Cpu.CpuKernelSet KernelSet { get; init; } = Cpu.CpuKernelSet.Auto;

    /// <summary>The thread count to use: <see cref="Threads"/>, or the processor count when not positive.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    /// <summary>The resident budget to use: <see cref="ResidentBytes"/>, or <see cref="DefaultResidentBytes"/>.
    /// </summary>
    public long EffectiveResidentBytes => ResidentBytes ?? DefaultResidentBytes();

    /// <summary>
    /// The default resident budget: min(2 GiB, ¼ of the memory the runtime may use, which honours a container's
    /// limit). A quarter leaves room for the page cache of memory-mapped data, the parameters and statistics, and
    /// other processes; the cap keeps a large machine's workers from holding copies that buy little (the copy
    /// saves the per-iteration read and conversion, a fraction of the E-step once tiles are large).
    /// </summary>
    public static long DefaultResidentBytes() =>
        Math.Min(DefaultResidentCap, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);
}
