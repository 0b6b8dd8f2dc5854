using System.Diagnostics;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Input;
using AiMass.Seed.Data;
using AiMass.Seed.Data.Storage;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Worker.Partitions;

/// <summary>
/// What a partition entity holds for its job — the opened dataset and the bound E-step — and the blocking work
/// (load once, compute per step) that the entity runs off its dispatcher. Not thread-safe: one call at a time.
/// </summary>
public sealed class PartitionWork(IEStepBackend backend, int partition, DataRoots? roots = null) : IDisposable
{
    private DatasetLayout? _layout;
    private IPartitionEStep? _eStep;
    private DatasetRef? _loaded;
    private Kernels.Data.DataPartition? _data;

    /// <summary>How this node reads datasets (stores, download cache).</summary>
    public DataAccess Access { get; init; } = DataAccess.Default;

    /// <summary>Rows of the loaded partition (0 before loading).</summary>
    public long Rows { get; private set; }

    /// <summary>Features per row of the loaded partition.</summary>
    public int Features { get; private set; }

    /// <summary>
    /// Loads the partition if <paramref name="dataset"/> is not the one loaded; returns the ms it took.
    /// </summary>
    public double EnsureLoaded(DatasetRef dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (_eStep is not null && dataset == _loaded)
        {
            return 0;
        }

        Unload();
        var started = Stopwatch.GetTimestamp();
        _layout = Open(dataset);
        var data = _layout.Partition(partition);
        _eStep = backend.Bind(data);
        (_loaded, _data) = (dataset, data);
        Rows = data.RowCount;
        Features = data.Rows.Features;
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>
    /// Opens the job's data as planned. The coordinator read them to plan the job, so a failure here means this
    /// worker sees them differently (another path, missing mount, permissions, credentials, no route to the store,
    /// data changed meanwhile): the message says so. A <see cref="DataAccessException"/> keeps its type and fault,
    /// so the cluster can tell "this node cannot read the data" (<see cref="DataAccessException.OtherNodesMayRead"/>)
    /// from bad data; any other I/O failure is a <see cref="DatasetUnreadableException"/> (this node is left out
    /// of the job).
    /// </summary>
    private DatasetLayout Open(DatasetRef dataset)
    {
        const string Suffix = " — on this worker, though the coordinator read it when it planned the job; every "
            + "worker must reach the same data (the same paths on a shared filesystem, or the same object store)";
        try
        {
            return DatasetLayout.OpenPlanned(dataset, Access, roots);
        }
        catch (DataAccessException e)
        {
            throw new DataAccessException(e.Fault, e.Location, e.Message + Suffix, e);
        }
        catch (Kernels.InvalidInputException e)
        {
            throw new Kernels.InvalidInputException(e.Message + Suffix, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetUnreadableException(e.Message + Suffix, e);
        }
    }

    /// <summary>The bound E-step's device.</summary>
    public string Device => _eStep?.Device ?? backend.Name;

    /// <summary>Computes the statistics of the loaded partition in the step's <paramref name="precision"/>; returns
    /// them with the ms it took.</summary>
    public (SufficientStatistics Statistics, double Milliseconds) Compute(
        ModelParameters parameters, EStepPrecision precision, CancellationToken cancellation)
    {
        var eStep = _eStep ?? throw new InvalidOperationException("The partition is not loaded.");
        var started = Stopwatch.GetTimestamp();
        var statistics = parameters is Seed.Inference.InferenceRequest request
            ? Infer(request, cancellation)
            : eStep.Compute(parameters, precision, cancellation);
        return (statistics, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>An inference step: this partition's outputs written to the job's folder (inside the data roots).
    /// </summary>
    private SufficientStatistics Infer(Seed.Inference.InferenceRequest request, CancellationToken cancellation)
    {
        Seed.Inference.OutputFolder.Check(request.Directory, roots);
        return Seed.Inference.PartitionInference.Run(request, _data!, cancellation);
    }

    /// <summary>Frees the rows and device buffers.</summary>
    public void Unload()
    {
        _eStep?.Dispose();
        _layout?.Dispose();
        _eStep = null;
        _layout = null;
        (_loaded, _data) = (null, null);
        Rows = 0;
        Features = 0;
    }

    /// <inheritdoc />
    public void Dispose() => Unload();
}
