using System.CommandLine;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Kernels.Synthetic;
using AiMass.Seed.Data;

namespace AiMass.Coordinator.Cli;

/// <summary><c>aimass gen</c>: synthetic data for demos and benchmarks, deterministic for a seed.</summary>
public static class GenCommand
{
    /// <summary>The command with its model subcommands.</summary>
    public static Command Build(CliContext context)
    {
        var gen = new Command("gen", "Write synthetic data for demos and benchmarks");
        gen.Subcommands.Add(BuildGmm(context));
        gen.Subcommands.Add(GenHmmCommand.Build(context));
        return gen;
    }

    private static Command BuildGmm(CliContext context)
    {
        var command = new Command("gmm", "Rows drawn from a random Gaussian mixture");
        var rows = new Option<long>("--rows") { Description = "Number of rows", Required = true };
        var features = new Option<int>("--features") { Description = "Number of features (D)", Required = true };
        var components = new Option<int>("--components")
        {
            Description = "Number of components (K)",
            Required = true,
        };
        var covariance = new Option<string>("--covariance")
        {
            Description = "Shape of the true covariances",
            DefaultValueFactory = _ => "full",
        };
        var seed = new Option<int>("--seed") { Description = "Seed", DefaultValueFactory = _ => 0 };
        var separation = new Option<double>("--separation")
        {
            Description =
                "Spread of the true means in units of the component spread (default 3; below 1 they overlap)",
            DefaultValueFactory = _ => 3,
        };
        var dtype = new Option<string>("--dtype")
        {
            Description = "float64 (default) or float32",
            DefaultValueFactory = _ => "float64",
        };
        var output = new Option<string>("--output") { Description = "Output .npy file", Required = true };
        var truth = new Option<string?>("--truth-output")
        {
            Description = "Also write the true model (model-file JSON)",
        };
        Option[] all = [rows, features, components, covariance, seed, separation, dtype, output, truth];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Generate(
            new Request(
                parse.GetValue(rows), parse.GetValue(features), parse.GetValue(components),
                parse.GetValue(covariance)!, parse.GetValue(seed), parse.GetValue(separation), parse.GetValue(dtype),
                parse.GetValue(output)!, parse.GetValue(truth)),
            context));
        return command;
    }

    private static int Generate(Request r, CliContext context)
    {
        if (r.Rows < 1)
        {
            throw new Kernels.InvalidInputException($"--rows {r.Rows} must be at least 1.");
        }

        var type = CovarianceTypes.Parse(r.Covariance);
        if (!(r.Separation >= 0) || double.IsInfinity(r.Separation))
        {
            throw new Kernels.InvalidInputException($"--separation {r.Separation} must be a finite number ≥ 0.");
        }

        var model = SyntheticMixtures.Random(r.Components, r.Features, type, r.Seed, r.Separation);
        var dataType = r.DType switch
        {
            "float64" or "f8" => NpyDataType.Float64,
            "float32" or "f4" => NpyDataType.Float32,
            var other => throw new Kernels.InvalidInputException($"--dtype {other}: use float64 or float32."),
        };
        Write(model, r.Rows, r.Seed, r.Output, dataType, context.Cancellation);
        if (r.TruthOutput is { } truthPath)
        {
            File.WriteAllText(truthPath, ModelFile.SerializeParameters(model));
        }

        context.Out.WriteLine(
            $"wrote {r.Rows} rows × {model.Features} features ({model.Components} {type.Name()} components, " +
            $"seed {r.Seed}) to {r.Output}");
        return ExitCodes.Success;
    }

    private static void Write(
        GaussianMixtureParameters model, long rows, int seed, string path, NpyDataType type,
        CancellationToken cancellation)
    {
        using var writer = NpyWriter.Create(path, type, rows, model.Features);
        var blocks = (rows + GaussianMixtureSampler.BlockRows - 1) / GaussianMixtureSampler.BlockRows;
        const int batch = 16;
        var buffers = new double[batch][];
        for (long first = 0; first < blocks; first += batch)
        {
            cancellation.ThrowIfCancellationRequested();
            var count = (int)Math.Min(batch, blocks - first);
            Parallel.For(0, count, b =>
            {
                var block = first + b;
                var n = BlockLength(rows, block);
                buffers[b] ??= new double[GaussianMixtureSampler.BlockRows * model.Features];
                GaussianMixtureSampler.DrawBlock(model, seed, block, n, buffers[b], []);
            });
            for (var b = 0; b < count; b++)
            {
                var block = first + b;
                var n = BlockLength(rows, block);
                writer.WriteRows(buffers[b].AsSpan(0, n * model.Features));
            }
        }

        writer.Complete();
    }

    /// <summary>Rows in sampler block <paramref name="block"/> (the last block may be short).</summary>
    private static int BlockLength(long rows, long block) =>
        (int)Math.Min(GaussianMixtureSampler.BlockRows, rows - (block * GaussianMixtureSampler.BlockRows));

    /// <summary>The values of <c>gen gmm</c>'s options.</summary>
    private sealed record Request(
        long Rows, int Features, int Components, string Covariance, int Seed, double Separation, string? DType,
        string Output, string? TruthOutput);
}
