using System.CommandLine;
using AiMass.Seed.Hosting;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// The cluster-bootstrap flags every node command takes (docs/KUBERNETES.md, docs/OPERATIONS.md): discovery instead
/// of a seed list, and the bootstrap endpoint Akka.Management serves for it.
/// </summary>
public sealed class DiscoveryOptions
{
    /// <summary>--discovery.</summary>
    public Option<string?> Method { get; } = new("--discovery")
    {
        Description = "Form the cluster by discovery instead of --seed-nodes: config (a fixed list of bootstrap " +
            "endpoints) or kubernetes (pods by label); default none",
    };

    /// <summary>--discovery-endpoints.</summary>
    public Option<string[]> Endpoints { get; } = new("--discovery-endpoints")
    {
        Description = "Config discovery: every node's bootstrap endpoint host:port, the same list on each node",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>--bootstrap-port.</summary>
    public Option<int?> BootstrapPort { get; } = new("--bootstrap-port")
    {
        Description = "Port of this node's bootstrap endpoint (Akka.Management HTTP; default 8558), with --discovery",
    };

    /// <summary>--required-contact-points.</summary>
    public Option<int?> RequiredContactPoints { get; } = new("--required-contact-points")
    {
        Description = "Nodes discovered before a new cluster forms (default 2)",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Method, Endpoints, BootstrapPort, RequiredContactPoints })
        {
            command.Options.Add(option);
        }
    }

    /// <summary><paramref name="discovery"/> (from appsettings.json and AIMASS_*) with the flags on top.</summary>
    public NodeDiscoverySettings Resolve(ParseResult parse, NodeDiscoverySettings discovery)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(discovery);
        var endpoints = parse.GetValue(Endpoints)?
            .SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
        return discovery with
        {
            Method = parse.GetValue(Method)?.ToLowerInvariant() ?? discovery.Method,
            Endpoints = endpoints is { Length: > 0 } ? endpoints : discovery.Endpoints,
            BootstrapPort = parse.GetValue(BootstrapPort) ?? discovery.BootstrapPort,
            RequiredContactPoints = parse.GetValue(RequiredContactPoints) ?? discovery.RequiredContactPoints,
        };
    }
}
