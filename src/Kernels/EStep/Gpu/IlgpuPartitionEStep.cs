using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// One partition on an ILGPU accelerator: its rows uploaded once at construction, then per call only the
/// parameters go up and the statistics come down — Gaussian mixtures through
/// <see cref="GaussianMixtureDeviceEStep"/>, HMMs through <see cref="HmmDeviceEStep"/> (which adds the sequence
/// layout on its first call). Device work is serialised per backend (one accelerator runs one partition's kernels
/// at a time; each saturates it). The kernels are float32: a float64 step is a <see cref="DeviceCannotRunException"/>
/// (<see cref="FallbackPartitionEStep"/> sends such steps to the CPU path first).
/// </summary>
internal sealed class IlgpuPartitionEStep : IPartitionEStep
{
    private readonly IlgpuBackend _backend;
    private readonly IlgpuOptions _options;
    private readonly DataPartition _partition;
    private readonly DeviceRows _rows;
    private GaussianMixtureDeviceEStep? _mixture;
    private HmmDeviceEStep? _hmm;

    /// <summary>Uploads <paramref name="partition"/>'s rows to <paramref name="backend"/>'s accelerator.</summary>
    public IlgpuPartitionEStep(IlgpuBackend backend, DataPartition partition, IlgpuOptions options)
    {
        _backend = backend;
        _options = options;
        _partition = partition;
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

    /// <summary>The HMM plan of the last HMM call (tests, diagnostics).</summary>
    internal HmmPlan? HmmPlan => _hmm?.Plan;

    /// <summary>Chunks re-uploaded every iteration because they did not fit the resident budget.</summary>
    internal int StreamedChunks => _rows.StreamedChunks;

    /// <inheritdoc />
    public SufficientStatistics Compute(
        ModelParameters parameters, EStepPrecision? precision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (precision == EStepPrecision.Double)
        {
            throw new DeviceCannotRunException(
                $"{_backend.Name} computes in float32 only; float64 steps run on the CPU path.");
        }

        lock (_backend.DeviceLock)
        {
            using var binding = _backend.Accelerator.BindScoped();
            switch (parameters)
            {
                case GaussianMixtureParameters mixture:
                    _mixture ??= new GaussianMixtureDeviceEStep(
                        _backend.Accelerator, _backend.Kernels, _rows, _backend.Limits, _options);
                    return _mixture.Compute(mixture, cancellationToken);
                case HmmParameters hmm:
                    _hmm ??= new HmmDeviceEStep(_backend, _partition, _rows, _options);
                    return _hmm.Compute(hmm, cancellationToken);
                default:
                    throw new DeviceCannotRunException(
                        $"The ILGPU backend has no E-step for {parameters.GetType().Name}.");
            }
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
            _hmm?.Dispose();
            _hmm = null;
            _backend.ReserveResident(-_rows.ResidentBytes);
            _rows.Dispose();
        }
    }
}
