using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Kernels.Input;
using AiMass.Seed.Data;
using AiMass.Seed.Data.Parts;
using AiMass.Seed.Data.Storage;
using AiMass.Seed.Protocol;

namespace AiMass.Seed.Jobs;

/// <summary>
/// A job's dataset found and cut into partitions: the rows (read lazily: only headers and footers are read to plan),
/// the optional sample weights (validated once) and sequence lengths, and the partition plan. The coordinator and
/// every worker plan the same way from the same <see cref="FitSpec"/>, so partition i means the same rows
/// everywhere. A partition's rows are read when it is asked for (<see cref="Partition"/>), and only its rows.
/// </summary>
public sealed class DatasetLayout : IDisposable
{
    private readonly DatasetCatalog _data;
    private readonly DatasetCatalog? _weights;
    private readonly DataAccess _access;
    private readonly List<IDisposable> _held = [];
    private IRowSource? _all;
    private IRowSource? _allWeights;

    private DatasetLayout(
        DatasetCatalog data, DatasetCatalog? weights, int[]? lengths, IReadOnlyList<PartitionRange> partitions,
        DataAccess access)
    {
        (_data, _weights, _access) = (data, weights, access);
        Lengths = lengths;
        Partitions = partitions;
        Fingerprint = string.Join('-', new[] { data.Fingerprint, weights?.Fingerprint }.Where(f => f is not null));
    }

    /// <summary>All rows of the dataset, read lazily (for planning: the row sample, checks).</summary>
    public IRowSource Data => _all ??= Hold(PartSources.OpenAll(_data, _access));

    /// <summary>Per-row sample weights (all rows, read lazily), or null.</summary>
    public IRowSource? Weights =>
        _weights is null ? null : _allWeights ??= Hold(PartSources.OpenAll(_weights, _access));

    /// <summary>Sequence lengths (HMM), or null for independent rows.</summary>
    public IReadOnlyList<int>? Lengths { get; }

    /// <summary>Per-row partial labels (−1 unknown; a local file, read whole and checked once), or null.</summary>
    public IRowSource? Labels { get; private set; }

    /// <summary>The partitions, in the order their statistics are added.</summary>
    public IReadOnlyList<PartitionRange> Partitions { get; }

    /// <summary>The parts' locations, sizes and ETags as a short hash (data, then weights).</summary>
    public string Fingerprint { get; }

    /// <summary>The dataset's parts, in row order.</summary>
    public IReadOnlyList<DatasetPart> Parts => _data.Parts;

    /// <summary>
    /// Finds the data <paramref name="spec"/> names, validates the weights and lengths once, and plans
    /// <paramref name="partitions"/> partitions (sequences are never cut). With <paramref name="roots"/>, every local
    /// file (each part of a folder too) must lie inside them, after links and <c>..</c> are resolved; <c>s3://</c>
    /// objects are governed by the node's credentials. Errors name the file and the remedy.
    /// </summary>
    public static DatasetLayout Open(FitSpec spec, int partitions, DataAccess? access = null, DataRoots? roots = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var layout = Plan(spec, partitions, access ?? DataAccess.Default, expectedFingerprint: null, roots);
        try
        {
            if (layout._weights is not null)
            {
                SampleWeights.Validate(layout.Weights!, layout.Data);
            }

            return layout;
        }
        catch
        {
            layout.Dispose();
            throw;
        }
    }

    /// <summary>
    /// On a worker: plans <paramref name="dataset"/> as the coordinator did (weights and lengths were validated
    /// there) and checks that this node sees the same parts (<see cref="DatasetRef.Fingerprint"/>).
    /// </summary>
    /// <exception cref="DataAccessException">The data changed since planning, or this node cannot read them.
    /// </exception>
    public static DatasetLayout OpenPlanned(DatasetRef dataset, DataAccess access, DataRoots? roots = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Plan(dataset.ToSpec(), dataset.Partitions, access, dataset.Fingerprint, roots);
    }

    /// <summary>
    /// The rows of partition <paramref name="index"/> as the E-step sees them, read now and held until this layout
    /// is disposed; with <paramref name="validate"/>, checks once that every value is finite (naming the first bad
    /// row and column).
    /// </summary>
    public DataPartition Partition(int index, bool validate = true)
    {
        if (index < 0 || index >= Partitions.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"There are {Partitions.Count} partitions.");
        }

        var range = Partitions[index];
        var rows = Hold(PartSources.OpenRows(_data, _access, range.FirstRow, range.RowCount));
        if (validate)
        {
            FiniteCheck.EnsureFinite(rows.Held, range.FirstRow, range.RowCount);
        }

        var weights = _weights is null
            ? null
            : Hold(PartSources.OpenRows(_weights, _access, range.FirstRow, range.RowCount));
        var partition = range.Slice(rows.Held, weights?.Held, Lengths);
        return Labels is null
            ? partition
            : partition with { Labels = new RowSlice(Labels, range.FirstRow, range.RowCount) };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var held in _held)
        {
            held.Dispose();
        }

        _held.Clear();
    }

    private static DatasetLayout Plan(
        FitSpec spec, int partitions, DataAccess access, string? expectedFingerprint, DataRoots? roots)
    {
        if (partitions < 1)
        {
            throw new InvalidInputException($"--partitions {partitions} must be at least 1.");
        }

        var inside = roots is { IsAny: false } ? roots : null;
        var data = DatasetCatalog.Open(spec.Data, "data file", access, roots: inside);
        var weights = spec.SampleWeight is null
            ? null
            : DatasetCatalog.Open(spec.SampleWeight, "weights file", access, anyTextIsCsv: true, roots: inside);
        if (inside is not null && spec.Lengths is { } lengthsFile && !DataLocation.Parse(lengthsFile).IsS3)
        {
            InputFiles.Check(DataLocation.Parse(lengthsFile).Path!, "lengths file", inside);
        }
        if (weights is not null)
        {
            SampleWeights.CheckShape(weights.Name, weights.Features, weights.Rows, data.Name, data.Rows);
        }

        var lengths = spec.Lengths is null ? null : SequenceLengths.Read(spec.Lengths, data.Rows, data.Name, access);
        var plan = lengths is null
            ? PartitionPlan.ForRows(data.Rows, partitions)
            : PartitionPlan.ForSequences(lengths, partitions);
        var layout = new DatasetLayout(data, weights, lengths, plan, access);
        if (expectedFingerprint is not null && expectedFingerprint != layout.Fingerprint)
        {
            throw new DataAccessException(
                DataFault.Changed, data.Name,
                $"{data.Name} changed since the job was planned (its parts, sizes or ETags differ); leave the data "
                + "unchanged while a job runs, then run it again");
        }

        return spec.Labels is null ? layout : WithLabels(layout, spec.Labels, inside);
    }

    private static DatasetLayout WithLabels(DatasetLayout layout, string labelsFile, DataRoots? roots)
    {
        try
        {
            layout.Labels = layout.Hold(OpenLabels(labelsFile, layout.Data, roots));
            return layout;
        }
        catch
        {
            layout.Dispose();
            throw;
        }
    }

    /// <summary>Opens the partial labels: a local file only (inside <paramref name="roots"/> when given).</summary>
    private static IRowSource OpenLabels(string labelsFile, IRowSource data, DataRoots? roots)
    {
        var location = DataLocation.Parse(labelsFile, "labels file");
        if (location.IsS3)
        {
            throw new InvalidInputException(
                $"--labels {Excerpt.Of(labelsFile)}: labels must be a local file (.npy or text); copy them next to "
                + "the job and name that path");
        }

        if (roots is not null)
        {
            InputFiles.Check(location.Path!, "labels file", roots);
        }

        return LabelFile.Open(location.Path!, data);
    }

    private T Hold<T>(T item)
        where T : notnull
    {
        if (item is IDisposable disposable)
        {
            _held.Add(disposable);
        }

        return item;
    }
}
