using AiMass.Seed.Jobs;

namespace AiMass.Seed.Protocol;

/// <summary>
/// What a worker needs to load a partition: the dataset by reference (paths every node can read) and the number of
/// partitions it was cut into. Partition i of the same reference is the same rows on every node.
/// </summary>
/// <param name="Data">Dataset path.</param>
/// <param name="SampleWeight">Optional sample-weight path.</param>
/// <param name="Lengths">Optional sequence-lengths path.</param>
/// <param name="Partitions">Number of partitions.</param>
public sealed record DatasetRef(string Data, string? SampleWeight, string? Lengths, int Partitions)
{
    /// <summary>Optional partial-labels path (semi-supervised EM), read by every worker for its rows.</summary>
    public string? Labels { get; init; }

    /// <summary>
    /// The dataset's parts, sizes and ETags as the coordinator found them when it planned the job (a short hash), or
    /// null (not checked). A worker that finds another fingerprint fails the partition: the data changed.
    /// </summary>
    public string? Fingerprint { get; init; }

    /// <summary>The dataset part of a job spec.</summary>
    public static DatasetRef From(FitSpec spec, int partitions)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new DatasetRef(spec.Data, spec.SampleWeight, spec.Lengths, partitions) { Labels = spec.Labels };
    }

    /// <summary>A spec that opens exactly this dataset (for <see cref="DatasetLayout.Open"/>).</summary>
    public FitSpec ToSpec() =>
        new() { Data = Data, SampleWeight = SampleWeight, Lengths = Lengths, Partitions = Partitions, Labels = Labels };
}
