using AiMass.Kernels.Em;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// A partition E-step on a device that, when the device fails (out of memory, driver error, unsupported shape),
/// reports a warning and continues on a CPU backend for this partition — the job goes on, only slower.
/// The switch is permanent for the partition: a device that failed once is not trusted again.
/// </summary>
internal sealed class FallbackPartitionEStep : IPartitionEStep
{
    private readonly int _partition;
    private readonly Func<IPartitionEStep> _createFallback;
    private readonly Action<string> _warn;
    private IPartitionEStep? _primary;
    private IPartitionEStep? _fallback;

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
    public string Device => (_fallback ?? _primary)!.Device;

    /// <summary>The device E-step while it has not failed (tests, diagnostics).</summary>
    internal IPartitionEStep? Primary => _primary;

    /// <summary>True once the partition has moved to the CPU path.</summary>
    public bool FellBack => _fallback is not null;

    /// <inheritdoc />
    public SufficientStatistics Compute(ModelParameters parameters, CancellationToken cancellationToken)
    {
        if (_fallback is { } fallback)
        {
            return fallback.Compute(parameters, cancellationToken);
        }

        var primary = _primary!;
        try
        {
            return primary.Compute(parameters, cancellationToken);
        }
        catch (Exception e) when (DeviceFailures.IsDeviceFailure(e))
        {
            _fallback = _createFallback();
            _warn($"Partition {_partition}: {primary.Device} failed ({e.GetType().Name}: {e.Message}); " +
                  $"computing it on {_fallback.Device} from now on.");
            _primary = null;
            DisposeQuietly(primary);
            return _fallback.Compute(parameters, cancellationToken);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _primary?.Dispose();
        _fallback?.Dispose();
        _primary = null;
        _fallback = null;
    }

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
