using System.CommandLine;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels;
using AiMass.Kernels.EStep;
using AiMass.Seed.Hosting;
using AiMass.Worker.Hosting;
using Microsoft.Extensions.Hosting;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>aimass seed|coordinator|worker</c>: run a cluster node until Ctrl-C / SIGTERM (graceful leave).
/// </summary>
public static class NodeCommands
{
    /// <summary>Default remoting port of a seed node.</summary>
    public const int DefaultSeedPort = 4053;

    /// <summary>The three node commands.</summary>
    public static IEnumerable<Command> Build(CliContext context)
    {
        yield return Seed(context);
        yield return Coordinator(context);
        yield return Worker(context);
    }

    private static Command Seed(CliContext context)
    {
        var command = new Command("seed", "Run a seed node (cluster entry point; runs no application actors)");
        var options = new NodeOptions();
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var settings = options.Resolve(parse, ["seed"]);
            settings = settings with
            {
                Port = parse.GetValue(options.Port) ?? (settings.Port == 0 ? DefaultSeedPort : settings.Port),
            };
            return Run(NodeHosts.Build(settings, null, withApi: false), null, context);
        });
        return command;
    }

    private static Command Coordinator(CliContext context)
    {
        var command = new Command("coordinator", "Run a coordinator node: the job manager and the HTTP API");
        var options = new NodeOptions();
        var data = new DataAccessOptions();
        var api = new Option<string?>("--api")
        {
            Description = "HTTP API address, host:port (default 127.0.0.1:5080: this machine only)",
        };
        var tokenFile = new Option<string?>("--token-file")
        {
            Description = "File with the API token, created (mode 0600) with a random one if missing " +
                "(default DATA_DIR/api-token; AIMASS_TOKEN gives the token itself)",
        };
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = "Job store folder (jobs.db; default ~/.local/share/aimass); running jobs resume from it",
        };
        var jobStore = new Option<string?>("--job-store")
        {
            Description = "PostgreSQL connection string of a job store shared by coordinators " +
                "('Host=…;Database=…;Username=…;Password=…'; default: SQLite in the data directory; " +
                "AIMASS_JOB_STORE)",
        };
        var retention = new RetentionOptions();
        options.AddTo(command);
        data.AddTo(command);
        command.Options.Add(api);
        command.Options.Add(dataDir);
        command.Options.Add(tokenFile);
        command.Options.Add(jobStore);
        retention.AddTo(command);
        command.SetAction(parse =>
        {
            var settings = RequireSeeds(options.Resolve(parse, ["coordinator"]));
            settings = settings with { DataAccess = data.Resolve(parse, settings.DataAccess) };
            settings = WithApiFlags(
                settings, parse.GetValue(dataDir), parse.GetValue(tokenFile), parse.GetValue(api));
            if (parse.GetValue(jobStore) is { } connection)
            {
                settings = settings with { JobStoreConnection = connection };
            }

            settings = retention.Apply(parse, settings);
            Persistence.DataDirectory.Ensure(settings.DataDirectory!);

            return Run(NodeHosts.Build(settings, null, withApi: true), null, context);
        });
        return command;
    }

    /// <summary>
    /// The coordinator's --data-dir, --token-file (beats AIMASS_TOKEN) and --api on top of the settings.
    /// </summary>
    private static NodeSettings WithApiFlags(NodeSettings settings, string? dataDir, string? tokenFile, string? api)
    {
        settings = settings with
        {
            DataDirectory = Path.GetFullPath(dataDir ?? settings.DataDirectory ?? DefaultDataDirectory()),
        };
        if (tokenFile is not null)
        {
            settings = settings with { ApiToken = null, ApiTokenFile = Path.GetFullPath(tokenFile) };
        }

        return api is null
            ? settings
            : settings with { ApiUrl = api.Contains("://", StringComparison.Ordinal) ? api : $"http://{api}" };
    }

    private static Command Worker(CliContext context)
    {
        var command = new Command("worker", "Run a worker node: holds partitions and computes E-step statistics");
        var options = new NodeOptions();
        var device = new DeviceOptions();
        var data = new DataAccessOptions();
        var stepDelay = new Option<int?>(StepDelayBackend.OptionName)
        {
            Description = "Fault injection for failure drills: every E-step first waits this many ms",
            Hidden = true,
        };
        options.AddTo(command);
        device.AddTo(command);
        data.AddTo(command);
        command.Options.Add(stepDelay);
        command.SetAction(parse =>
        {
            var settings = RequireSeeds(options.Resolve(parse, ["worker"]));
            settings = settings with { DataAccess = data.Resolve(parse, settings.DataAccess) };
            var backend = WithStepDelay(
                device.CreateBackend(parse, settings.Device), parse.GetValue(stepDelay), context);
            return Run(
                NodeHosts.Build(settings with { Device = backend.Name }, backend, withApi: false), backend, context);
        });
        return command;
    }

    /// <summary>The E-step backend, slowed down by the fault-injection option --fault-step-delay-ms when given.
    /// </summary>
    private static IEStepBackend WithStepDelay(IEStepBackend backend, int? milliseconds, CliContext context)
    {
        IEStepBackend wrapped;
        try
        {
            wrapped = StepDelayBackend.Wrap(backend, milliseconds);
        }
        catch (InvalidInputException)
        {
            backend.Dispose();
            throw;
        }

        if (wrapped is StepDelayBackend slow)
        {
            context.Error.WriteLine(
                $"aimass: warning: {StepDelayBackend.OptionName} {slow.Delay.TotalMilliseconds:F0}: every E-step " +
                "waits that long first (fault injection for failure drills; never in production)");
        }

        return wrapped;
    }

    /// <summary>The default job-store folder: $XDG_DATA_HOME/aimass, else ~/.local/share/aimass.</summary>
    public static string DefaultDataDirectory() => NodeSettings.DefaultDataDirectory();

    private static NodeSettings RequireSeeds(NodeSettings settings) =>
        settings.SeedNodes.Count > 0
            ? settings
            : throw new InvalidInputException(
                "No seed nodes: give --seed-nodes host:port (or set AIMASS_SEED_NODES) so the node can join a " +
                "cluster.");

    private static int Run(IHost host, IEStepBackend? backend, CliContext context)
    {
        try
        {
            host.RunAsync(context.Cancellation).GetAwaiter().GetResult();
            return ExitCodes.Success;
        }
        finally
        {
            host.Dispose();
            backend?.Dispose();
        }
    }
}
