using AiMass.Kernels.Data;
using ILGPU;
using ILGPU.Runtime;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// The ILGPU E-step backend: one ILGPU context and accelerator (CUDA, OpenCL or the CPU emulator), its kernels
/// compiled once and cached, and per-partition device buffers. A partition whose device work fails (out of
/// memory, driver error, a shape the kernels cannot hold) falls back to a CPU backend with a
/// <see cref="Warning"/> instead of failing the job.
/// </summary>
public sealed class IlgpuBackend : IEStepBackend, IWarningSource
{
    private const long CpuEmulatorResidentBytes = 2L << 30;
    private const long CpuEmulatorHmmWorkspaceBytes = 256L << 20;
    private readonly Context _context;
    private readonly Func<IEStepBackend> _createFallback;
    private readonly Lock _fallbackLock = new();
    private IEStepBackend? _fallback;
    private long _residentBytes;

    private IlgpuBackend(
        Context context, Accelerator accelerator, IlgpuDeviceKind kind, IlgpuOptions options,
        Func<IEStepBackend> createFallback)
    {
        _context = context;
        Accelerator = accelerator;
        Kind = kind;
        Options = options;
        _createFallback = createFallback;
        Name = $"{kind.DeviceName()}:0 {accelerator.Name}";
        Limits = DeviceLimits.Of(accelerator, Name);
        Kernels = new GaussianMixtureKernels(accelerator);
        HmmKernels = new HmmKernels(accelerator);
        HmmWorkspace = new HmmWorkspace(accelerator);
    }

    /// <summary>Raised with a one-line message when a partition moves from the device to the CPU path.</summary>
    public event Action<string>? Warning;

    /// <summary>The device and its hardware, e.g. "cuda:0 NVIDIA H200".</summary>
    public string Name { get; }

    /// <summary>The kind of accelerator.</summary>
    public IlgpuDeviceKind Kind { get; }

    /// <summary>The tuning and memory policy used by <see cref="Bind(DataPartition)"/>.</summary>
    public IlgpuOptions Options { get; }

    internal Accelerator Accelerator { get; }

    internal GaussianMixtureKernels Kernels { get; }

    internal HmmKernels HmmKernels { get; }

    /// <summary>The forward-backward workspace all partitions share (use under <see cref="DeviceLock"/>).</summary>
    internal HmmWorkspace HmmWorkspace { get; }

    internal DeviceLimits Limits { get; }

    /// <summary>Serialises device work from concurrent partitions.</summary>
    internal Lock DeviceLock { get; } = new();

    /// <summary>
    /// The backend on the first device of <paramref name="kind"/>; throws <see cref="InvalidInputException"/>
    /// ("--device cuda: no CUDA device found; use --device cpu") when there is none.
    /// <paramref name="createFallback"/> makes the CPU backend that failing partitions continue on.
    /// </summary>
    public static IlgpuBackend Create(
        IlgpuDeviceKind kind, Func<IEStepBackend> createFallback, IlgpuOptions? options = null)
    {
        try
        {
            return TryCreate(kind, createFallback, options, gpuOnly: false) ?? throw new InvalidInputException(
                $"--device {kind.DeviceName()}: no {kind.Label()} device found; use --device cpu");
        }
        catch (Exception e) when (DeviceFailures.IsDeviceFailure(e))
        {
            throw new InvalidInputException(
                $"--device {kind.DeviceName()}: the {kind.Label()} device could not be opened ({e.Message}); " +
                "use --device cpu", e);
        }
    }

    /// <summary>The backend on the first device of <paramref name="kind"/>, or null when there is none
    /// (OpenCL: GPUs only when <paramref name="gpuOnly"/>).</summary>
    public static IlgpuBackend? TryCreate(
        IlgpuDeviceKind kind, Func<IEStepBackend> createFallback, IlgpuOptions? options = null, bool gpuOnly = true)
    {
        ArgumentNullException.ThrowIfNull(createFallback);
        options ??= IlgpuOptions.Default;
        options.Validate();
        var context = IlgpuDevices.CreateContext(kind, gpuOnly);
        try
        {
            if (IlgpuDevices.First(context, kind) is not { } device)
            {
                context.Dispose();
                return null;
            }

            return new IlgpuBackend(context, device.CreateAccelerator(context), kind, options, createFallback);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <c>--device auto</c>'s GPU choice: the first CUDA device, else the first OpenCL GPU, else null (also when
    /// a driver is installed but fails to open a device).
    /// </summary>
    public static IlgpuBackend? TryCreateGpu(Func<IEStepBackend> createFallback, IlgpuOptions? options = null)
    {
        foreach (var kind in (ReadOnlySpan<IlgpuDeviceKind>)[IlgpuDeviceKind.Cuda, IlgpuDeviceKind.OpenCL])
        {
            try
            {
                if (TryCreate(kind, createFallback, options) is { } backend)
                {
                    return backend;
                }
            }
            catch (Exception e) when (DeviceFailures.IsDeviceFailure(e))
            {
                // A broken driver is no device: try the next kind, then the CPU path.
            }
        }

        return null;
    }

    /// <inheritdoc />
    public IPartitionEStep Bind(DataPartition partition) => Bind(partition, Options);

    /// <summary>As <see cref="Bind(DataPartition)"/> with other tuning options (tests force small tiles, chunks).
    /// </summary>
    internal IPartitionEStep Bind(DataPartition partition, IlgpuOptions options)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (partition.Labels is not null)
        {
            return Fallback().Bind(partition); // partial labels run the float64 reference E-step
        }

        IPartitionEStep device;
        try
        {
            device = new IlgpuPartitionEStep(this, partition, options);
        }
        catch (Exception e) when (DeviceFailures.IsDeviceFailure(e))
        {
            var cpu = Fallback().Bind(partition);
            RaiseWarning($"Partition {partition.Index}: {Name} could not hold it ({e.GetType().Name}: {e.Message}); " +
                         $"computing it on {cpu.Device}.");
            return cpu;
        }

        // Candidate sets (model selection, n_init in one pass) run member by member on the device.
        return new Candidates.CandidateSetPartition(
            new FallbackPartitionEStep(partition.Index, device, () => Fallback().Bind(partition), RaiseWarning),
            partition);
    }

    /// <summary>
    /// Device bytes a new partition's rows may keep resident: <see cref="IlgpuOptions.MaxResidentBytes"/> (default
    /// 60% of device memory) less what the backend's live partitions already hold. Call under
    /// <see cref="DeviceLock"/>, then <see cref="ReserveResident"/> what was used.
    /// </summary>
    internal long ResidentBudget(IlgpuOptions options)
    {
        var total = options.MaxResidentBytes > 0
            ? options.MaxResidentBytes
            : Kind == IlgpuDeviceKind.CpuEmulator
                ? CpuEmulatorResidentBytes
                : (long)(Accelerator.MemorySize * 0.6);
        return Math.Max(0, total - _residentBytes);
    }

    /// <summary>
    /// Bytes the shared HMM workspace may use: <see cref="IlgpuOptions.HmmWorkspaceBytes"/>, by default 1/8 of the
    /// device memory (256 MiB on ILGPU's CPU accelerator).
    /// </summary>
    internal long HmmWorkspaceBudget(IlgpuOptions options) => options.HmmWorkspaceBytes > 0
        ? options.HmmWorkspaceBytes
        : Kind == IlgpuDeviceKind.CpuEmulator
            ? CpuEmulatorHmmWorkspaceBytes
            : Accelerator.MemorySize / 8;

    /// <summary>Records <paramref name="bytes"/> (negative: releases) held by a partition's resident data.</summary>
    internal void ReserveResident(long bytes) => _residentBytes += bytes;

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_fallbackLock)
        {
            _fallback?.Dispose();
            _fallback = null;
        }

        lock (DeviceLock)
        {
            HmmWorkspace.Dispose();
        }

        Accelerator.Dispose();
        _context.Dispose();
    }

    private IEStepBackend Fallback()
    {
        lock (_fallbackLock)
        {
            return _fallback ??= _createFallback();
        }
    }

    private void RaiseWarning(string message) => Warning?.Invoke(message);
}
