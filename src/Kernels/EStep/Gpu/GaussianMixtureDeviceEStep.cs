using AiMass.Kernels.Mixture;
using ILGPU;
using ILGPU.Runtime;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// The Gaussian-mixture E-step of one partition on one accelerator. Owns the parameter, partial and total
/// buffers (reallocated only when the model shape changes); each call uploads the parameters, runs one tile
/// kernel per chunk and the reduction, and downloads the L totals.
/// </summary>
internal sealed class GaussianMixtureDeviceEStep : IDisposable
{
    private readonly Accelerator _accelerator;
    private readonly GaussianMixtureKernels _kernels;
    private readonly DeviceRows _rows;
    private readonly DeviceLimits _limits;
    private readonly IlgpuOptions _options;
    private Buffers? _buffers;

    /// <summary>An E-step over <paramref name="rows"/>.</summary>
    public GaussianMixtureDeviceEStep(
        Accelerator accelerator,
        GaussianMixtureKernels kernels,
        DeviceRows rows,
        DeviceLimits limits,
        IlgpuOptions options)
    {
        _accelerator = accelerator;
        _kernels = kernels;
        _rows = rows;
        _limits = limits;
        _options = options;
    }

    /// <summary>The plan of the last call (for tests and diagnostics).</summary>
    public TilePlan? Plan => _buffers?.Plan;

    /// <summary>Shifted statistics of the partition under <paramref name="parameters"/>.</summary>
    public GaussianMixtureStatistics Compute(GaussianMixtureParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Features != _rows.Features)
        {
            throw new InvalidInputException(
                $"The partition has {_rows.Features} features but the model has {parameters.Features}.");
        }

        var host = CentredParameters.Create(parameters, _rows.Mean);
        var buffers = PrepareBuffers(host);
        buffers.Upload(host, _accelerator.DefaultStream);
        buffers.Partials.MemSetToZero(_accelerator.DefaultStream);
        var views = buffers.ParameterViews(host.PrecisionStride);
        var plan = buffers.Plan;
        var s2 = GaussianMixtureStatistics.SecondMomentLength(host.Type, host.Components, host.Features);
        _rows.ForEachChunk(cancellationToken, (x, w, n) => _kernels.AccumulateTiles(
            host.Type, plan, new GaussianTileArguments(x, w, views, buffers.Partials.View, n, host.Features,
                host.Components, plan.TileRows, s2)));
        _kernels.SumBlockPartials(buffers.Partials.View, buffers.Totals.View, plan.Groups);
        var totals = new double[plan.PartialLength];
        buffers.Totals.View.CopyToCPU(_accelerator.DefaultStream, totals);
        _accelerator.DefaultStream.Synchronize();
        return DeviceStatistics.Assemble(host, totals, _rows.TotalWeight, _rows.RowCount);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _buffers?.Dispose();
        _buffers = null;
    }

    private Buffers PrepareBuffers(CentredParameters host)
    {
        if (_buffers is { } existing && existing.Fits(host))
        {
            return existing;
        }

        _buffers?.Dispose();
        _buffers = null;
        var plan = TilePlan.Create(_limits, _options, host.Type, host.Components, host.Features, _rows.ChunkRows);
        _buffers = new Buffers(_accelerator, host, plan);
        return _buffers;
    }

    /// <summary>Device buffers of one model shape.</summary>
    private sealed class Buffers : IDisposable
    {
        private readonly CovarianceType _type;
        private readonly int _components;

        public Buffers(Accelerator accelerator, CentredParameters host, TilePlan plan)
        {
            _type = host.Type;
            _components = host.Components;
            Plan = plan;
            Means = accelerator.Allocate1D<float>(host.Means.Length);
            Shifts = accelerator.Allocate1D<float>(host.Shifts.Length);
            Precision = accelerator.Allocate1D<float>(host.Precision.Length);
            Constants = accelerator.Allocate1D<float>(host.Constants.Length);
            Partials = accelerator.Allocate1D<double>((long)plan.Groups * plan.PartialLength);
            Totals = accelerator.Allocate1D<double>(plan.PartialLength);
        }

        public TilePlan Plan { get; }

        public MemoryBuffer1D<float, Stride1D.Dense> Means { get; }

        public MemoryBuffer1D<float, Stride1D.Dense> Shifts { get; }

        public MemoryBuffer1D<float, Stride1D.Dense> Precision { get; }

        public MemoryBuffer1D<float, Stride1D.Dense> Constants { get; }

        public MemoryBuffer1D<double, Stride1D.Dense> Partials { get; }

        public MemoryBuffer1D<double, Stride1D.Dense> Totals { get; }

        public bool Fits(CentredParameters host) => host.Type == _type && host.Components == _components;

        public GaussianParameterViews ParameterViews(int precisionStride) =>
            new(Means.View, Precision.View, precisionStride, Constants.View, Shifts.View);

        public void Upload(CentredParameters host, AcceleratorStream stream)
        {
            Means.View.CopyFromCPU(stream, host.Means);
            Shifts.View.CopyFromCPU(stream, host.Shifts);
            Precision.View.CopyFromCPU(stream, host.Precision);
            Constants.View.CopyFromCPU(stream, host.Constants);
        }

        public void Dispose()
        {
            Means.Dispose();
            Shifts.Dispose();
            Precision.Dispose();
            Constants.Dispose();
            Partials.Dispose();
            Totals.Dispose();
        }
    }
}
