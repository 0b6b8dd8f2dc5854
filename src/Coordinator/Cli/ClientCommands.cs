using System.CommandLine;

namespace AiMass.Coordinator.Cli;

/// <summary>The commands that talk to a running coordinator over its HTTP API.</summary>
public static class ClientCommands
{
    /// <summary>submit, jobs, status, watch, logs, cancel, result and cluster.</summary>
    public static IEnumerable<Command> Build(CliContext context)
    {
        yield return SubmitCommand.Build(context);
        yield return JobsCommand.Build(context);
        yield return StatusCommand.Build(context);
        yield return WatchCommand.Build(context);
        yield return LogsCommand.Build(context);
        yield return CancelCommand.Build(context);
        yield return ResultCommand.Build(context);
        yield return ClusterCommand.Build(context);
    }
}
