using AiMass.Kernels.Em;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// Collects one step's partition statistics: ignores stale and duplicate replies, tracks attempts and the slowest
/// partition, and adds the statistics with <see cref="StatisticsSum"/> (so any number of workers gives the same total).
/// </summary>
public sealed class StepCollector
{
    private readonly SufficientStatistics?[] _received;
    private readonly int[] _attempts;

    /// <summary>A collector for <paramref name="step"/> over <paramref name="partitions"/> partitions.</summary>
    public StepCollector(int step, int partitions)
    {
        Step = step;
        _received = new SufficientStatistics?[partitions];
        _attempts = Enumerable.Repeat(1, partitions).ToArray();
    }

    /// <summary>The step being collected.</summary>
    public int Step { get; }

    /// <summary>Partitions that answered.</summary>
    public int Done { get; private set; }

    /// <summary>Number of partitions.</summary>
    public int Total => _received.Length;

    /// <summary>True when every partition answered.</summary>
    public bool IsComplete => Done == Total;

    /// <summary>The partition that answered last, with its compute time and worker.</summary>
    public (int Partition, double Milliseconds, string Worker) Slowest { get; private set; } = (-1, 0, "");

    /// <summary>Records a reply; false when it is stale (another step) or a duplicate.</summary>
    public bool Accept(PartitionEvents.StatisticsComputed reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Step != Step || reply.Partition < 0 || reply.Partition >= Total
            || _received[reply.Partition] is not null)
        {
            return false;
        }

        _received[reply.Partition] = reply.Statistics;
        Done++;
        Slowest = (reply.Partition, reply.ComputeMilliseconds, reply.Worker);
        return true;
    }

    /// <summary>Partitions still missing, in order.</summary>
    public IReadOnlyList<int> Missing() =>
        Enumerable.Range(0, Total).Where(p => _received[p] is null).ToArray();

    /// <summary>Counts a re-ask of <paramref name="partition"/>; returns its new attempt number.</summary>
    public int NextAttempt(int partition) => ++_attempts[partition];

    /// <summary>The current attempt of <paramref name="partition"/>.</summary>
    public int Attempt(int partition) => _attempts[partition];

    /// <summary>The total statistics, with bits independent of the order of the additions.</summary>
    public SufficientStatistics Sum() =>
        IsComplete
            ? StatisticsSum.Of(_received.Select(s => s!).ToArray())
            : throw new InvalidOperationException($"Partitions {string.Join(", ", Missing())} have not answered.");
}
