using System.Diagnostics;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// Measures a job's recovery from the loss of workers. It notes when each worker was first seen unreachable and
/// which partitions it last answered; when a worker is removed, the partitions it held or still owed are awaited,
/// and once every one of them has answered again (on the surviving workers) the recovery is complete. Times are
/// <see cref="Stopwatch.GetTimestamp"/> ticks, passed in so tests can drive it.
/// </summary>
public sealed class WorkerLossTracker
{
    private readonly Dictionary<string, long> _unreachableSince = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastAnswer = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _holder = [];
    private readonly List<Loss> _losses = [];

    /// <summary>The cluster marked <paramref name="worker"/> unreachable (the first mark counts).</summary>
    public void Unreachable(string worker, long at) => _unreachableSince.TryAdd(worker, at);

    /// <summary>The cluster marked <paramref name="worker"/> reachable again.</summary>
    public void Reachable(string worker) => _unreachableSince.Remove(worker);

    /// <summary>
    /// <paramref name="worker"/> was removed (<paramref name="graceful"/>: it left on its own); <paramref name="owed"/>
    /// are the partitions the current step still waits for (they are re-asked). Returns the loss, whose partitions are
    /// those owed plus those the worker held.
    /// </summary>
    public Loss Removed(string worker, IReadOnlyCollection<int> owed, long at, bool graceful = false)
    {
        ArgumentNullException.ThrowIfNull(owed);
        var held = _holder.Where(h => h.Value == worker).Select(h => h.Key);
        var partitions = new SortedSet<int>(owed.Concat(held));
        var (since, how) = _unreachableSince.Remove(worker, out var unreachable)
            ? (unreachable, "became unreachable")
            : _lastAnswer.TryGetValue(worker, out var answered) ? (answered, "last answered") : (at, "was removed");
        _lastAnswer.Remove(worker);
        var loss = new Loss(worker, partitions, since, how, at, graceful);
        if (partitions.Count > 0)
        {
            _losses.Add(loss);
        }

        return loss;
    }

    /// <summary>Partitions of unrecovered losses that have not answered again yet, ascending.</summary>
    public IReadOnlyList<int> Awaited() => _losses.SelectMany(l => l.Waiting).Distinct().Order().ToArray();

    /// <summary>
    /// <paramref name="partition"/> answered from <paramref name="worker"/>; returns the losses this answer
    /// completed (each now fully recovered), usually none.
    /// </summary>
    public IReadOnlyList<Recovery> Answered(int partition, string worker, long at)
    {
        _holder[partition] = worker;
        _lastAnswer[worker] = at;
        List<Recovery>? done = null;
        foreach (var loss in _losses)
        {
            if (loss.Waiting.Remove(partition) && loss.Waiting.Count == 0)
            {
                (done ??= []).Add(new Recovery(loss, at));
            }
        }

        if (done is null)
        {
            return [];
        }

        _losses.RemoveAll(l => l.Waiting.Count == 0);
        return done;
    }

    /// <summary>One worker's loss.</summary>
    /// <param name="Worker">Its address.</param>
    /// <param name="Partitions">The partitions it held or owed, ascending.</param>
    /// <param name="Since">When the loss was first noticed (see <paramref name="How"/>).</param>
    /// <param name="How">"became unreachable", "last answered" or "was removed".</param>
    /// <param name="RemovedAt">When the cluster removed it.</param>
    /// <param name="Graceful">True when the worker left on its own (a routine departure, not a failure).</param>
    public sealed record Loss(
        string Worker, SortedSet<int> Partitions, long Since, string How, long RemovedAt, bool Graceful = false)
    {
        /// <summary>Partitions that have not answered since the loss.</summary>
        internal HashSet<int> Waiting { get; } = [.. Partitions];

        /// <summary>From the first notice to the removal.</summary>
        public TimeSpan ToRemoval => Stopwatch.GetElapsedTime(Since, RemovedAt);
    }

    /// <summary>A loss whose partitions all answered again.</summary>
    /// <param name="Loss">The loss.</param>
    /// <param name="At">When the last of them answered.</param>
    public sealed record Recovery(Loss Loss, long At)
    {
        /// <summary>From the first notice of the loss to the last partition's answer: detection to recovery.</summary>
        public TimeSpan Total => Stopwatch.GetElapsedTime(Loss.Since, At);

        /// <summary>From the removal to the last partition's answer.</summary>
        public TimeSpan AfterRemoval => Stopwatch.GetElapsedTime(Loss.RemovedAt, At);
    }
}
