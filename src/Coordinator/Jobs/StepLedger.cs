using System.Diagnostics;
using AiMass.Kernels.Em;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// One step's account at the coordinator: the requests sent (to a node, or down a tree) and the partitions each
/// covers; which partitions are counted; attempts; and the step's total, into which each accepted answer is folded
/// in place (<see cref="StatisticsSum"/>: the bits do not depend on arrival order or tree shape). A partition is
/// counted once: a stale answer (another step), a duplicate (request already answered), and an answer overlapping
/// what is already counted are not added.
/// </summary>
public sealed class StepLedger
{
    private readonly bool[] _counted;
    private readonly int[] _attempts;
    private readonly bool[] _speculated;
    private readonly double[] _arrivedMs;
    private readonly Dictionary<long, (string Node, HashSet<int> Partitions, bool Answered)> _requests = [];
    private readonly long _started = Stopwatch.GetTimestamp();

    /// <summary>The ledger of <paramref name="step"/> over <paramref name="partitions"/> partitions.</summary>
    public StepLedger(int step, int partitions)
    {
        Step = step;
        _counted = new bool[partitions];
        _attempts = Enumerable.Repeat(1, partitions).ToArray();
        _speculated = new bool[partitions];
        _arrivedMs = new double[partitions];
    }

    /// <summary>The step.</summary>
    public int Step { get; }

    /// <summary>Partitions counted.</summary>
    public int Done { get; private set; }

    /// <summary>Number of partitions.</summary>
    public int Total => _counted.Length;

    /// <summary>True when every partition is counted.</summary>
    public bool IsComplete => Done == Total;

    /// <summary>The step's total so far (null before the first answer with statistics).</summary>
    public StatisticsSum? Accumulated { get; private set; }

    /// <summary>The partition with the longest E-step so far, with its time and node.</summary>
    public (int Partition, double Milliseconds, string Worker) Slowest { get; private set; } = (-1, 0, "");

    /// <summary>Milliseconds since the step started.</summary>
    public double ElapsedMs => Stopwatch.GetElapsedTime(_started).TotalMilliseconds;

    /// <summary>Records request <paramref name="requestId"/> to <paramref name="node"/>, covering
    /// <paramref name="partitions"/> (its own and its subtree's).</summary>
    public void Asked(long requestId, string node, IEnumerable<int> partitions) =>
        _requests[requestId] = (node, partitions.ToHashSet(), false);

    /// <summary>The node a request went to, or null for a request this step never made.</summary>
    public string? NodeOf(long requestId) => _requests.TryGetValue(requestId, out var r) ? r.Node : null;

    /// <summary>Partitions of request <paramref name="requestId"/> not counted yet.</summary>
    public IReadOnlyList<int> Uncounted(long requestId) =>
        _requests.TryGetValue(requestId, out var r) ? r.Partitions.Where(p => !_counted[p]).Order().ToArray() : [];

    /// <summary>Open (unanswered) requests, by id.</summary>
    public IEnumerable<long> OpenRequests => _requests.Where(r => !r.Value.Answered).Select(r => r.Key);

    /// <summary>
    /// Takes a node's answer: counts its partitions and folds <paramref name="sum"/> (its statistics' bytes) into the
    /// total, unless it is stale, a duplicate, or overlaps partitions already counted.
    /// </summary>
    public LedgerAnswer Answer(NodeEvents.StepComputed answer, ReadOnlyMemory<byte> sum)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Step != Step || !_requests.TryGetValue(answer.RequestId, out var request))
        {
            return LedgerAnswer.Ignored(LedgerAnswerKind.Stale);
        }

        if (request.Answered)
        {
            return LedgerAnswer.Ignored(LedgerAnswerKind.Duplicate);
        }

        _requests[answer.RequestId] = request with { Answered = true };
        var done = answer.Done.Select(d => d.Partition).ToHashSet();
        var failures = answer.Failed.Where(f => InRange(f.Partition) && !_counted[f.Partition]).ToArray();
        var failed = answer.Failed.Select(f => f.Partition).ToHashSet();
        var unanswered = request.Partitions
            .Where(p => !_counted[p] && !done.Contains(p) && !failed.Contains(p)).Order().ToArray();
        if (done.Any(p => !InRange(p) || _counted[p] || !request.Partitions.Contains(p)))
        {
            var remainder = done.Where(p => InRange(p) && !_counted[p]).Order().ToArray();
            return new LedgerAnswer(LedgerAnswerKind.Overlap, [], remainder, unanswered, failures);
        }

        Count(answer, sum);
        return new LedgerAnswer(LedgerAnswerKind.Accepted, done.Order().ToArray(), [], unanswered, failures);
    }

    /// <summary>Partitions not counted yet, ascending.</summary>
    public IReadOnlyList<int> Missing() => Enumerable.Range(0, Total).Where(p => !_counted[p]).ToArray();

    /// <summary>The current attempt of <paramref name="partition"/>.</summary>
    public int Attempt(int partition) => _attempts[partition];

    /// <summary>Counts a re-ask of <paramref name="partition"/>; returns its new attempt number.</summary>
    public int NextAttempt(int partition) => ++_attempts[partition];

    /// <summary>Whether <paramref name="partition"/> was already started on a second node this step.</summary>
    public bool IsSpeculated(int partition) => _speculated[partition];

    /// <summary>Notes that <paramref name="partition"/> was started on a second node.</summary>
    public void Speculated(int partition) => _speculated[partition] = true;

    /// <summary>The median time from the step's start to the counting of a partition (0 before any).</summary>
    public double MedianArrivalMs()
    {
        var arrived = Enumerable.Range(0, Total).Where(p => _counted[p]).Select(p => _arrivedMs[p]).Order().ToArray();
        return arrived.Length == 0 ? 0 : arrived[arrived.Length / 2];
    }

    /// <summary>The step's total statistics; only once complete.</summary>
    public SufficientStatistics Sum() =>
        IsComplete && Accumulated is not null
            ? Accumulated.Total()
            : throw new InvalidOperationException($"Partitions {string.Join(", ", Missing())} have not answered.");

    private void Count(NodeEvents.StepComputed answer, ReadOnlyMemory<byte> sum)
    {
        if (sum.Length > 0)
        {
            if (Accumulated is null)
            {
                Accumulated = StatisticsSumCodec.Decode(sum.Span);
            }
            else
            {
                StatisticsSumCodec.FoldInto(sum.Span, Accumulated);
            }
        }

        var now = ElapsedMs;
        foreach (var d in answer.Done)
        {
            _counted[d.Partition] = true;
            _arrivedMs[d.Partition] = now;
            Done++;
            if (d.ComputeMilliseconds >= Slowest.Milliseconds)
            {
                Slowest = (d.Partition, d.ComputeMilliseconds, d.Worker);
            }
        }
    }

    private bool InRange(int partition) => partition >= 0 && partition < Total;
}
