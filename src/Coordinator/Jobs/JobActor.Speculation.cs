using Akka.Event;
using AiMass.Seed.Steps;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// Straggler speculation of a <see cref="JobActor"/>: once half of a step's partitions are counted and the step has
/// run <see cref="Seed.Hosting.NodeSettings.SpeculationFactor"/> times the median time they took (at least
/// <see cref="Seed.Hosting.NodeSettings.SpeculationMinimum"/>), each partition still missing is also started on
/// another node, idle ones first. The first answer is counted (a partition's statistics are the same wherever they
/// are computed, so the bits are too) and the partition moves to the node that gave it.
/// </summary>
public sealed partial class JobActor
{
    private static readonly TimeSpan SpeculationCheck = TimeSpan.FromMilliseconds(500);

    private void Speculate()
    {
        var ledger = _collector!;
        var settings = _services.Settings;
        if (ledger.IsComplete || ledger.Done * 2 < ledger.Total)
        {
            return;
        }

        var wait = Math.Max(
            settings.SpeculationMinimum.TotalMilliseconds, settings.SpeculationFactor * ledger.MedianArrivalMs());
        var missing = ledger.Missing().Where(p => !ledger.IsSpeculated(p)).ToArray();
        if (ledger.ElapsedMs < wait || missing.Length == 0)
        {
            return;
        }

        var holders = missing.Select(p => _placement!.HolderOf(p)).ToHashSet();
        var load = _placement!.ByNode().ToDictionary(n => n.Node, n => n.Partitions.Count, StringComparer.Ordinal);
        var others = LiveWorkers().Where(n => !_placement.Excluded.Contains(n))
            .OrderBy(n => holders.Contains(n) ? 1 : 0).ThenBy(n => load.GetValueOrDefault(n))
            .ThenBy(n => n, StringComparer.Ordinal).ToArray();
        var copies = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var next = 0;
        foreach (var p in missing)
        {
            var candidates = others.Where(n => n != _placement.HolderOf(p)).ToArray();
            if (candidates.Length == 0)
            {
                continue;
            }

            var target = candidates[next++ % candidates.Length];
            (copies.TryGetValue(target, out var list) ? list : copies[target] = []).Add(p);
            ledger.Speculated(p);
        }

        foreach (var (target, partitions) in copies)
        {
            _log.Info($"job={_jobId} step {_step}: partitions [{string.Join(", ", partitions)}] are slow " +
                $"({ledger.ElapsedMs / 1000:F1} s, the median partition took " +
                $"{ledger.MedianArrivalMs() / 1000:F1} s); " +
                $"also computing them on {target}, the first answer wins");
            Send(new StepBranch(target, partitions.Select(Ask).ToArray(), []));
        }
    }

    private sealed class SpeculationDue
    {
        public static readonly SpeculationDue Instance = new();
    }
}
