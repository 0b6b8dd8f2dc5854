using System.CommandLine;
using AiMass.Coordinator.Client;

namespace AiMass.Coordinator.Cli;

/// <summary>The options every client command (submit, jobs, status, watch, cancel, result, cluster) takes.</summary>
public sealed class ClientOptions
{
    /// <summary>--coordinator.</summary>
    public Option<string?> Coordinator { get; } = new("--coordinator")
    {
        Description = $"The coordinator's HTTP API (default: ${CoordinatorAddress.EnvironmentVariable}, " +
            $"else {CoordinatorAddress.Default})",
    };

    /// <summary>--json.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Print machine-readable JSON instead of text" };

    /// <summary>Adds the options to <paramref name="command"/>; <c>--json</c> if <paramref name="withJson"/>.</summary>
    public void AddTo(Command command, bool withJson = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Coordinator);
        if (withJson)
        {
            command.Options.Add(Json);
        }
    }

    /// <summary>A client of the coordinator the options (or the environment) name.</summary>
    public CoordinatorClient Connect(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new CoordinatorClient(CoordinatorAddress.Resolve(parse.GetValue(Coordinator)));
    }

    /// <summary>Whether <c>--json</c> was given.</summary>
    public bool WantsJson(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(Json);
    }
}
