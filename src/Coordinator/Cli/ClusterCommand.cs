using System.CommandLine;
using AiMass.Coordinator.Client;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>aimass cluster [--wait-workers N [--timeout S]]</c>: the members with their roles, state, and for workers the
/// device and partitions they hold; optionally waits until N workers are up (scripts use it for readiness).
/// </summary>
public static class ClusterCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command(
            "cluster", "Show the cluster's members: roles, state, device and partitions of each worker");
        var client = new ClientOptions();
        var wait = new Option<int>("--wait-workers")
        {
            Description = "First wait until this many workers are up (retrying while the coordinator starts)",
        };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds --wait-workers waits at most before failing (exit 1)",
            DefaultValueFactory = _ => 60,
        };
        client.AddTo(command);
        command.Options.Add(wait);
        command.Options.Add(timeout);
        command.SetAction(parse =>
        {
            using var coordinator = client.Connect(parse, context.Error);
            var workers = parse.GetValue(wait);
            var patience = TimeSpan.FromSeconds(parse.GetValue(timeout));
            var view = workers > 0
                ? WaitForWorkersAsync(coordinator, workers, patience, context.Cancellation).GetAwaiter().GetResult()
                : coordinator.ClusterAsync(context.Cancellation).GetAwaiter().GetResult();
            if (client.WantsJson(parse))
            {
                CliJson.Write(context.Out, view);
            }
            else
            {
                Print(view, context.Out);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Workers that are Up and reachable.</summary>
    public static int UpWorkers(ClusterQueries.ClusterView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Members.Count(m =>
            m.Roles.Contains("worker")
            && m.Status.StartsWith("Up", StringComparison.Ordinal)
            && !m.Status.Contains("unreachable", StringComparison.Ordinal));
    }

    /// <summary>
    /// Asks for the cluster view until <paramref name="workers"/> workers are up; an unreachable or still-starting
    /// coordinator is retried until <paramref name="timeout"/>, then the last problem is reported.
    /// </summary>
    public static async Task<ClusterQueries.ClusterView> WaitForWorkersAsync(
        CoordinatorClient client, int workers, TimeSpan timeout, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        var up = 0;
        string? problem = null;
        try
        {
            while (true)
            {
                try
                {
                    var view = await client.ClusterAsync(deadline.Token);
                    up = UpWorkers(view);
                    problem = null;
                    if (up >= workers)
                    {
                        return view;
                    }
                }
                catch (CoordinatorException e)
                {
                    problem = e.Message;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new CoordinatorException(
                $"{workers} worker(s) were not up within {timeout.TotalSeconds:F0} s ({up} up)" +
                (problem is null ? "" : $"; last problem: {problem}"));
        }
    }

    /// <summary>The members as a table, then the leader.</summary>
    public static void Print(ClusterQueries.ClusterView view, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(output);
        var table = new TextColumns("ADDRESS", "ROLES", "STATUS", "DEVICE", "PARTITIONS");
        foreach (var member in view.Members)
        {
            var isWorker = member.Roles.Contains("worker");
            table.Add(
                member.Address, string.Join(',', member.Roles), member.Status, member.Device ?? "-",
                isWorker ? DescribePartitions(member.Partitions) : "-");
        }

        table.Write(output);
        output.WriteLine($"leader: {view.Leader ?? "(none)"}; {UpWorkers(view)} worker(s) up");
    }

    /// <summary>
    /// "3 (job J: 0 2 4)": the count, then the partition numbers of each job (entity ids "job/partition").
    /// </summary>
    public static string DescribePartitions(IReadOnlyList<string> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        if (partitions.Count == 0)
        {
            return "0";
        }

        static (string Job, string Part) Split(string id) =>
            id.LastIndexOf('/') is var slash and > 0 ? (id[..slash], id[(slash + 1)..]) : ("", id);
        var byJob = partitions
            .Select(Split)
            .GroupBy(p => p.Job, StringComparer.Ordinal)
            .Select(g =>
            {
                var parts = g.Select(p => p.Part)
                    .OrderBy(p => int.TryParse(p, out var n) ? n : int.MaxValue)
                    .ThenBy(p => p, StringComparer.Ordinal);
                return (g.Key.Length > 0 ? $"job {g.Key}: " : "") + string.Join(' ', parts);
            });
        return $"{partitions.Count} ({string.Join("; ", byJob)})";
    }
}
