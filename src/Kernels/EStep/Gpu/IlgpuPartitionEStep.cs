using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// One partition on an ILGPU accelerator: its rows uploaded once at construction, then per call only the
/// parameters go up and the statistics come down. Device work is serialised per backend (one accelerator
/// runs one partition's kernels at a time; each saturates it).
/// </summary>
internal sealed class IlgpuPartitionEStep : IPartitionEStep
{
    private readonly IlgpuBackend _backend;
    private readonly IlgpuOptions _options;
    private readonly DeviceRows _rows;
    private GaussianMixtureDeviceEStep? _mixture;

    /// <summary>Uploads <paramref name="partition"/>'s rows to <paramref name="backend"/>'s accelerator.</summary>
    public IlgpuPartitionEStep(IlgpuBackend backend, DataPartition partition, IlgpuOptions options)
    {
        _backend = backend;
        _options = options;
        lock (backend.DeviceLock)
        {
            using var binding = backend.Accelerator.BindScoped();
            _rows = new DeviceRows(backend.Accelerator, partition, options, backend.ResidentBudget(options));
            backend.ReserveResident(_rows.ResidentBytes);
        }
    }

    /// <inheritdoc />
    public string Device => _backend.Name;

    /// <summary>The tile plan of the last Gaussian-mixture call (tests, diagnostics).</summary>
    internal TilePlan? MixturePlan => _mixture?.Plan;

    /// <summary>Chunks re-uploaded every iteration because they did not fit the resident budget.</summary>
    internal int StreamedChunks => _rows.StreamedChunks;

    /// <inheritdoc />
    public SufficientStatistics Compute(ModelParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters is not GaussianMixtureParameters mixture)
        {
            throw new NotSupportedException($"The ILGPU backend has no E-step for {parameters.GetType().Name} yet.");
        }

        lock (_backend.DeviceLock)
        {
            using var binding = _backend.Accelerator.BindScoped();
            _mixture ??= new GaussianMixtureDeviceEStep(
                _backend.Accelerator, _backend.Kernels, _rows, _backend.Limits, _options);
            return _mixture.Compute(mixture, cancellationToken);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_backend.DeviceLock)
        {
            using var binding = _backend.Accelerator.BindScoped();
            _mixture?.Dispose();
            _mixture = null;
            _backend.ReserveResident(-_rows.ResidentBytes);
            _rows.Dispose();
        }
    }
}
