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

    /// <summary>--token.</summary>
    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"The coordinator's API token (default: ${ClientToken.EnvironmentVariable}, else, for a " +
            "coordinator on this machine, ~/.local/share/aimass/api-token)",
    };

    /// <summary>--json.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Print machine-readable JSON instead of text" };

    /// <summary>Adds the options to <paramref name="command"/>; <c>--json</c> if <paramref name="withJson"/>.</summary>
    public void AddTo(Command command, bool withJson = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Coordinator);
        command.Options.Add(Token);
        if (withJson)
        {
            command.Options.Add(Json);
        }
    }

    /// <summary>
    /// A client of the coordinator the options (or the environment) name, with its token; it says on
    /// <paramref name="notices"/> (standard error) when it waits for a coordinator that is not ready.
    /// </summary>
    public CoordinatorClient Connect(ParseResult parse, TextWriter? notices = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var address = CoordinatorAddress.Resolve(parse.GetValue(Coordinator));
        return new CoordinatorClient(address, ClientToken.Resolve(parse.GetValue(Token), address))
        {
            Notices = notices,
        };
    }

    /// <summary>Whether <c>--json</c> was given.</summary>
    public bool WantsJson(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(Json);
    }
}
