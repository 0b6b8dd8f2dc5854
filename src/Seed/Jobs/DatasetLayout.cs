using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Kernels.Input;
using AiMass.Seed.Data;

namespace AiMass.Seed.Jobs;

/// <summary>
/// A job's dataset opened and cut into partitions: the rows, the optional sample weights and sequence lengths,
/// and the partition plan. The coordinator and every worker open the same layout from the same <see cref="FitSpec"/>,
/// so partition i means the same rows everywhere.
/// </summary>
public sealed class DatasetLayout : IDisposable
{
    private DatasetLayout(
        IRowSource data, IRowSource? weights, int[]? lengths, IReadOnlyList<PartitionRange> partitions)
    {
        Data = data;
        Weights = weights;
        Lengths = lengths;
        Partitions = partitions;
    }

    /// <summary>All rows of the dataset.</summary>
    public IRowSource Data { get; }

    /// <summary>Per-row sample weights, or null.</summary>
    public IRowSource? Weights { get; }

    /// <summary>Sequence lengths (HMM), or null for independent rows.</summary>
    public IReadOnlyList<int>? Lengths { get; }

    /// <summary>Per-row partial labels (−1 unknown), or null.</summary>
    public IRowSource? Labels { get; private init; }

    /// <summary>The partitions, in the order their statistics are added.</summary>
    public IReadOnlyList<PartitionRange> Partitions { get; }

    /// <summary>
    /// Opens the files <paramref name="spec"/> names and plans <paramref name="partitions"/> partitions
    /// (sequences are never cut). With <paramref name="roots"/>, every file must lie inside them (after links and
    /// <c>..</c> are resolved). Errors name the file and the remedy.
    /// </summary>
    public static DatasetLayout Open(FitSpec spec, int partitions, DataRoots? roots = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (partitions < 1)
        {
            throw new InvalidInputException($"--partitions {partitions} must be at least 1.");
        }

        if (roots is { IsAny: false })
        {
            CheckInside(spec, roots);
        }

        var data = DatasetReader.Open(spec.Data);
        try
        {
            var weights = spec.SampleWeight is null ? null : SampleWeights.Open(spec.SampleWeight, data);
            var lengths = spec.Lengths is null ? null : SequenceLengths.Read(spec.Lengths, data.Rows, data.Name);
            var plan = lengths is null
                ? PartitionPlan.ForRows(data.Rows, partitions)
                : PartitionPlan.ForSequences(lengths, partitions);
            var labels = spec.Labels is null ? null : LabelFile.Open(spec.Labels, data);
            return new DatasetLayout(data, weights, lengths, plan) { Labels = labels };
        }
        catch
        {
            (data as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>Checks that every file <paramref name="spec"/> names resolves inside
    /// <paramref name="roots"/>.</summary>
    private static void CheckInside(FitSpec spec, DataRoots roots)
    {
        InputFiles.Check(spec.Data, "data file", roots);
        if (spec.SampleWeight is { } weights)
        {
            InputFiles.Check(weights, "weights file", roots);
        }

        if (spec.Lengths is { } lengths)
        {
            InputFiles.Check(lengths, "lengths file", roots);
        }

        if (spec.Labels is { } labels)
        {
            InputFiles.Check(labels, "labels file", roots);
        }
    }

    /// <summary>
    /// The rows of partition <paramref name="index"/> as the E-step sees them; with <paramref name="validate"/>,
    /// checks once that every value is finite (naming the first bad row and column).
    /// </summary>
    public DataPartition Partition(int index, bool validate = true)
    {
        if (index < 0 || index >= Partitions.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"There are {Partitions.Count} partitions.");
        }

        var range = Partitions[index];
        if (validate)
        {
            FiniteCheck.EnsureFinite(Data, range.FirstRow, range.RowCount);
        }

        var partition = range.Slice(Data, Weights, Lengths);
        return Labels is null
            ? partition
            : partition with { Labels = new RowSlice(Labels, range.FirstRow, range.RowCount) };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        (Data as IDisposable)?.Dispose();
        (Weights as IDisposable)?.Dispose();
        (Labels as IDisposable)?.Dispose();
    }
}
