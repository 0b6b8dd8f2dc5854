using AiMass.Kernels.Em;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// A partition E-step on a device that computes float32 only. Steps that ask for float64 (auto precision's last
/// iterations) run on the CPU path, which is created on first need and kept; float32 steps stay on the device.
/// When the device fails (out of memory, driver error, <see cref="DeviceCannotRunException"/>), it reports a
/// warning and continues on the CPU path for this partition — the job goes on, only slower. That switch is
/// permanent: a device that failed once is not trusted again. Any other exception (a bug) surfaces.
/// </summary>
internal sealed class FallbackPartitionEStep : IPartitionEStep
{
    private readonly int _partition;
    private readonly Func<IPartitionEStep> _createFallback;
    private readonly Action<string> _warn;
    private IPartitionEStep? _primary;
    private IPartitionEStep? _cpu;
    private bool _fellBack;

    /// <summary>Runs <paramref name="primary"/> until it fails, then <paramref name="createFallback"/>'s.</summary>
    public FallbackPartitionEStep(
        int partition, IPartitionEStep primary, Func<IPartitionEStep> createFallback, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(createFallback);
        ArgumentNullException.ThrowIfNull(warn);
        _partition = partition;
        _primary = primary;
        _createFallback = createFallback;
        _warn = warn;
    }

    /// <inheritdoc />
    public string Device => (_fellBack ? _cpu : _primary)!.Device;

    /// <summary>The device E-step while it has not failed (tests, diagnostics).</summary>
    internal IPartitionEStep? Primary => _primary;

    /// <summary>True once the partition has moved to the CPU path.</summary>
    public bool FellBack => _fellBack;

    /// <inheritdoc />
    public SufficientStatistics Compute(
        ModelParameters parameters, EStepPrecision? precision, CancellationToken cancellationToken)
    {
        if (_fellBack || precision == EStepPrecision.Double)
        {
            return Cpu().Compute(parameters, precision, cancellationToken);
        }

        var primary = _primary!;
        try
        {
            return primary.Compute(parameters, precision, cancellationToken);
        }
        catch (Exception e) when (DeviceFailures.IsDeviceFailure(e))
        {
            _fellBack = true;
            var cpu = Cpu();
            _warn($"Partition {_partition}: {primary.Device} failed ({e.GetType().Name}: {e.Message}); " +
                  $"computing it on {cpu.Device} from now on.");
            _primary = null;
            DisposeQuietly(primary);
            return cpu.Compute(parameters, precision, cancellationToken);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _primary?.Dispose();
        _cpu?.Dispose();
        _primary = null;
        _cpu = null;
    }

    private IPartitionEStep Cpu() => _cpu ??= _createFallback();

    private static void DisposeQuietly(IPartitionEStep failed)
    {
        try
        {
            failed.Dispose();
        }
        catch (Exception e) when (DeviceFailures.IsDeviceFailure(e))
        {
            // The device already failed; releasing its buffers may fail the same way.
        }
    }
}
