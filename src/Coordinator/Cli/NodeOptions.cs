using System.CommandLine;
using AiMass.Seed.Hosting;

namespace AiMass.Coordinator.Cli;

/// <summary>Flags every node command takes; they override appsettings.json and the environment.</summary>
public sealed class NodeOptions
{
    /// <summary>--host.</summary>
    public Option<string?> Host { get; } = new("--host")
    {
        Description = "Address to bind remoting to (default 127.0.0.1)",
    };

    /// <summary>--port.</summary>
    public Option<int?> Port { get; } = new("--port") { Description = "Remoting port (0 picks a free one)" };

    /// <summary>--public-host.</summary>
    public Option<string?> PublicHost { get; } = new("--public-host")
    {
        Description = "Address other nodes reach this one at",
    };

    /// <summary>--seed-nodes.</summary>
    public Option<string[]> SeedNodes { get; } = new("--seed-nodes")
    {
        Description = "Seed addresses: host:port (or akka[.ssl].tcp://aimass@host:port), comma or space separated",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>--log-format.</summary>
    public Option<string?> LogFormat { get; } = new("--log-format") { Description = "text (default) or json lines" };

    /// <summary>--log-level.</summary>
    public Option<string?> LogLevel { get; } = new("--log-level")
    {
        Description = "Debug, Information (default), Warning, Error",
    };

    /// <summary>--management-port.</summary>
    public Option<int?> ManagementPort { get; } = new("--management-port")
    {
        Description = "HTTP port for /healthz, /readyz and /metrics on --host (workers and seeds; 0: a free one)",
    };

    /// <summary>--discovery, --discovery-endpoints, --bootstrap-port, --required-contact-points.</summary>
    public DiscoveryOptions Discovery { get; } = new();

    /// <summary>--data-root (repeatable).</summary>
    public Option<string[]> DataRoots { get; } = DataRootOption.Create();

    /// <summary>--tls-dir, --tls-cert, --tls-key, --tls-ca, --tls-password-file.</summary>
    public TlsOptions Tls { get; } = new();

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Host, Port, PublicHost, SeedNodes, LogFormat, LogLevel, DataRoots })
        {
            command.Options.Add(option);
        }

        Tls.AddTo(command);
        Discovery.AddTo(command);
    }

    /// <summary>Adds --management-port (workers and seeds; a coordinator serves health on its API).</summary>
    public void AddManagementTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(ManagementPort);
    }

    /// <summary>
    /// Settings from appsettings.json and the environment, with these flags and <paramref name="roles"/> on top.
    /// </summary>
    public NodeSettings Resolve(ParseResult parse, IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var settings = NodeSettingsLoader.Load();
        var seeds = parse.GetValue(SeedNodes)?
            .SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
        var format = parse.GetValue(LogFormat) ?? settings.LogFormat;
        if (format is not ("text" or "json"))
        {
            throw new Kernels.InvalidInputException($"--log-format {format}: use text or json.");
        }

        return settings with
        {
            Roles = roles,
            Host = parse.GetValue(Host) ?? settings.Host,
            Port = parse.GetValue(Port) ?? settings.Port,
            PublicHost = parse.GetValue(PublicHost) ?? settings.PublicHost,
            SeedNodes = seeds is { Length: > 0 } ? seeds : settings.SeedNodes,
            LogFormat = format,
            LogLevel = parse.GetValue(LogLevel) ?? settings.LogLevel,
            DataRoots = DataRootOption.Resolve(parse.GetValue(DataRoots), settings.DataRoots),
            Tls = Tls.Resolve(parse, settings.Tls),
            Discovery = Discovery.Resolve(parse, settings.Discovery),
            ManagementPort = parse.GetValue(ManagementPort) ?? settings.ManagementPort,
            ExitProcessOnShutdown = true,
        };
    }
}
