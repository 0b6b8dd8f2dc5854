using System.CommandLine;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels;
using AiMass.Kernels.Input;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Synthetic;
using AiMass.Seed.Data;
using AiMass.Seed.Data.Storage;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>aimass local [--workers N] [fit gmm|hmm …]</c>: a seed, a coordinator and N workers in this process on loopback
/// with real remoting; runs the job through them, with the coordinator's iteration lines as progress. Alone, it
/// generates demo data and fits it.
/// </summary>
public static class LocalCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CliContext context)
    {
        var workers = new Option<int>("--workers")
        {
            Description = "Worker nodes to start",
            DefaultValueFactory = _ => 2,
            Recursive = true,
        };
        var device = new DeviceOptions();
        var roots = DataRootOption.Create(recursive: true);
        var data = new DataAccessOptions();
        var local = new Command(
            "local", "Run a job on an embedded cluster (seed + coordinator + N workers in this process)");
        local.Options.Add(workers);
        local.Options.Add(roots);
        device.AddTo(local, recursive: true);
        data.AddTo(local, recursive: true);
        Embedded Shape(ParseResult parse, FitSpec spec) =>
            new(parse.GetValue(workers), Backend.Of(device, parse, context.Error, spec), parse.GetValue(roots),
                data.Resolve(parse, DataAccessSettings.FromEnvironment()));
        FitSpec ForDevice(ParseResult parse, FitSpec spec) => device.ForDevice(spec, parse);
        local.SetAction(parse => Demo(spec => ForDevice(parse, spec), spec => Shape(parse, spec), context));

        var fit = new Command("fit", "Fit through the embedded cluster");
        var gmm = new GmmFitOptions();
        fit.Subcommands.Add(ForModel(
            "gmm", "Fit a Gaussian mixture through the embedded cluster", gmm.AddTo,
            parse => ForDevice(parse, gmm.ToSpec(parse)), Shape, context));
        var hmm = new HmmFitOptions();
        fit.Subcommands.Add(ForModel(
            "hmm", "Fit a hidden Markov model through the embedded cluster", hmm.AddTo,
            parse => ForDevice(parse, hmm.ToSpec(parse)), Shape, context));
        local.Subcommands.Add(fit);
        local.Subcommands.Add(LocalSelect(ForDevice, Shape, context));
        return local;
    }

    /// <summary>
    /// A <c>local fit MODEL</c> subcommand: the model's fit flags and <c>--output</c>; <c>--workers</c> and the
    /// device options and <c>--data-root</c> come from <c>local</c> (recursive).
    /// </summary>
    private static Command ForModel(
        string name, string description, Action<Command> addFitOptions, Func<ParseResult, FitSpec> toSpec,
        Func<ParseResult, FitSpec, Embedded> embedded, CliContext context)
    {
        var command = new Command(name, description);
        var output = new Option<string>("--output")
        {
            Description = "Model file to write",
            DefaultValueFactory = _ => "model.json",
        };
        addFitOptions(command);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var spec = toSpec(parse);
            return Run(spec, embedded(parse, spec), parse.GetValue(output)!, context);
        });
        return command;
    }

    /// <summary><c>local select gmm</c>: a model selection through the embedded cluster.</summary>
    private static Command LocalSelect(
        Func<ParseResult, FitSpec, FitSpec> forDevice, Func<ParseResult, FitSpec, Embedded> embedded,
        CliContext context)
    {
        var options = new SelectOptions();
        var output = SelectCommand.OutputOption();
        var gmm = new Command("gmm", "Select a Gaussian mixture (k × covariance × init) through the embedded cluster");
        options.AddTo(gmm);
        gmm.Options.Add(output);
        gmm.SetAction(parse =>
        {
            var (path, table) = (parse.GetValue(output)!, parse.GetValue(options.Table));
            SelectCommand.CheckOutputs(path, table);
            var spec = forDevice(parse, options.ToSpec(parse));
            var code = Run(spec, embedded(parse, spec), path, context);
            if (code == ExitCodes.Success)
            {
                SelectionReport.FromModelFile(path, table, context);
            }

            return code;
        });
        var select = new Command("select", "Run a model selection through the embedded cluster");
        select.Subcommands.Add(gmm);
        return select;
    }

    private static int Demo(Func<FitSpec, FitSpec> forDevice, Func<FitSpec, Embedded> shape, CliContext context)
    {
        var dir = Directory.CreateTempSubdirectory("aimass-demo-").FullName;
        var data = Path.Combine(dir, "demo.npy");
        var truth = SyntheticMixtures.Random(8, 8, CovarianceType.Full, seed: 42);
        using (var writer = NpyWriter.Create(data, NpyDataType.Float64, 200_000, 8))
        {
            var block = new double[GaussianMixtureSampler.BlockRows * 8];
            for (long b = 0; b * GaussianMixtureSampler.BlockRows < 200_000; b++)
            {
                var n = (int)Math.Min(
                    GaussianMixtureSampler.BlockRows, 200_000 - (b * GaussianMixtureSampler.BlockRows));
                GaussianMixtureSampler.DrawBlock(truth, 42, b, n, block, []);
                writer.WriteRows(block.AsSpan(0, n * 8));
            }

            writer.Complete();
        }

        context.Out.WriteLine($"demo data: 200000 rows × 8 features from 8 Gaussian components in {data}");
        var spec = forDevice(new FitSpec { Data = data, Components = 8, CovarianceType = "full", NInit = 1 });
        return Run(spec, shape(spec), Path.Combine(dir, "model.json"), context);
    }

    private static int Run(FitSpec spec, Embedded cluster, string output, CliContext context)
    {
        if (cluster.Workers < 1)
        {
            throw new InvalidInputException($"--workers {cluster.Workers} must be at least 1.");
        }

        return RunAsync(spec, cluster, output, context).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(FitSpec spec, Embedded embedded, string output, CliContext context)
    {
        var (workers, device) = (embedded.Workers, embedded.Device);
        var roots = DataRootOption.Resolve(embedded.DataRoots, []);
        _ = DataRoots.Of(roots); // fail fast on a missing --data-root
        device.Create().Dispose(); // fail fast on a bad --device
        context.Out.WriteLine(
            $"starting an embedded cluster: seed, coordinator, {workers} worker(s) on 127.0.0.1 " +
            $"(device {device.Name})");
        // Akka's own membership and remoting events are noise in a single-process demo; AiMass lines stay.
        await using var cluster = await EmbeddedCluster.StartAsync(
            workers, device.Create,
            s => s with { AkkaLogLevel = "None", DataRoots = roots, DataAccess = embedded.DataAccess },
            cancellation: context.Cancellation);
        context.Out.WriteLine($"cluster up: seed {cluster.SeedAddress}, {workers} worker(s) joined");
        ProgressEntry? last = null;
        var (status, model) = await JobRunner.RunAsync(cluster.JobManager, spec, e => last = e, context.Cancellation);
        switch (status.State)
        {
            case JobState.Succeeded:
                File.WriteAllText(output, model);
                context.Out.WriteLine(
                    $"job {status.JobId} succeeded: " +
                    $"{(status.Converged == true ? "converged" : "did not converge")} after " +
                    $"{last?.Iteration ?? 0} iterations, lower_bound {last?.LowerBound:F8}");
                context.Out.WriteLine($"model written to {output}");
                return ExitCodes.Success;
            case JobState.Failed when status.InputError:
                throw new InvalidInputException(status.Error!);
            default:
                context.Error.WriteLine(
                    $"aimass: job {status.JobId} {status.State.ToString().ToLowerInvariant()}: {status.Error}");
                return ExitCodes.Failure;
        }
    }

    /// <summary>The embedded cluster's shape: workers, their device, the data roots every node reads in, and how the
    /// nodes read data (S3 endpoint, cache).</summary>
    private sealed record Embedded(int Workers, Backend Device, string[]? DataRoots, DataAccessSettings DataAccess);

    /// <summary>The device every embedded worker computes on.</summary>
    private sealed record Backend(string Name, Func<Kernels.EStep.IEStepBackend> Create)
    {
        public static Backend Of(DeviceOptions options, ParseResult parse, TextWriter warnings, FitSpec spec) =>
            new(parse.GetValue(options.Device)!,
                options.Factory(parse, warnings, Kernels.Em.FitPrecisions.Parse(spec.Precision)));
    }
}
