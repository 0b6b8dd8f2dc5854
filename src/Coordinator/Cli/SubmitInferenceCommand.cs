using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AiMass.Kernels;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Models;
using AiMass.Seed.Data.Storage;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>aimass submit predict|score|decode --model M --data X (--output F | --output-dir D)</c>: the local commands as a
/// cluster job. Every partition applies the model to its rows on a worker and writes them; the coordinator assembles
/// the one file, or keeps one .npy per partition with a manifest.json. Paths must be readable (data) and writable
/// (outputs) by every node. The outputs equal the local commands' bit for bit.
/// </summary>
public static class SubmitInferenceCommand
{
    /// <summary>The three subcommands.</summary>
    public static IEnumerable<Command> Build(CliContext context)
    {
        yield return ForKind("predict", "Component labels (or --proba responsibilities) of every row, on the cluster",
            context);
        yield return ForKind(
            "score", "Per-row (mixture) or per-sequence (HMM) log-likelihoods, on the cluster", context);
        yield return ForKind("decode", "Hidden states of every row under an HMM, on the cluster", context);
    }

    private static Command ForKind(string kind, string description, CliContext context)
    {
        var command = new Command(kind, description);
        var model = new Option<string>("--model") { Description = "Model file", Required = true };
        var data = new Option<string>("--data")
        {
            Description = "Dataset every node can read (a path, file:// or s3://)", Required = true,
        };
        var lengths = new Option<string?>("--lengths")
        {
            Description = "HMM: sequence lengths (default: one sequence)",
        };
        var proba = new Option<bool>("--proba") { Description = "Write [rows × K] responsibilities instead of labels" };
        var algorithm = new Option<string>("--algorithm")
        {
            Description = "viterbi (default) or map", DefaultValueFactory = _ => "viterbi",
        };
        var output = new Option<string?>("--output") { Description = "One output file (.npy or .csv)" };
        var outputDir = new Option<string?>("--output-dir")
        {
            Description = "A folder for one .npy per partition and manifest.json (outputs larger than one disk)",
        };
        var partitions = new Option<int?>("--partitions") { Description = "Cut the rows into P partitions" };
        var noWait = new Option<bool>("--no-wait") { Description = "Print the job id and return" };
        var client = new ClientOptions();
        var options = new List<Option> { model, data, output, outputDir, partitions, noWait };
        options.AddRange(kind switch { "predict" => [proba], "decode" => [lengths, algorithm], _ => [lengths] });
        options.ForEach(command.Options.Add);
        client.AddTo(command, withJson: false);
        command.SetAction(parse =>
        {
            var spec = Spec(kind, parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(lengths)) with
            {
                Proba = parse.GetValue(proba),
                Algorithm = kind == "decode" ? parse.GetValue(algorithm) : null,
                Output = parse.GetValue(output) is { } o ? Path.GetFullPath(o) : null,
                OutputDir = parse.GetValue(outputDir) is { } d ? Path.GetFullPath(d) : null,
                Partitions = parse.GetValue(partitions),
            };
            using var coordinator = client.Connect(parse, context.Error);
            return RunAsync(coordinator, spec, parse.GetValue(noWait), context).GetAwaiter().GetResult();
        });
        return command;
    }

    private static FitSpec Spec(string kind, string modelPath, string data, string? lengths)
    {
        var text = GmmFitOptions.ReadInitModel(modelPath);
        return new FitSpec
        {
            Kind = kind,
            Model = ModelFile.Parse(text, modelPath) is HmmParameters ? "hmm" : "gmm",
            Data = DataLocation.Parse(data).ToString(),
            Lengths = lengths is null ? null : DataLocation.Parse(lengths, "lengths file").ToString(),
            InitModel = text,
            InitModelName = modelPath,
        };
    }

    private static async Task<int> RunAsync(
        Client.CoordinatorClient coordinator, FitSpec spec, bool noWait, CliContext context)
    {
        var id = await coordinator.SubmitAsync(spec, context.Cancellation);
        var address = Client.CoordinatorAddress.Display(coordinator.Address);
        context.Out.WriteLine(noWait ? id : $"submitted job {id} to {address}");
        if (noWait)
        {
            return ExitCodes.Success;
        }

        var code = await JobFollower.RunAsync(coordinator, id, null, false, context);
        if (code == ExitCodes.Success)
        {
            Summarize(await coordinator.ModelAsync(id, CancellationToken.None), spec, context.Out);
        }

        return code;
    }

    /// <summary>The local command's summary line, from the job's result document.</summary>
    public static void Summarize(string document, FitSpec spec, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(output);
        using var json = JsonDocument.Parse(document);
        var r = json.RootElement;
        var (rows, outputs) = (r.GetProperty("rows").GetInt64(), r.GetProperty("outputs").GetInt64());
        var where = spec.Output ?? $"{spec.OutputDir} ({r.GetProperty("parts").GetInt32()} parts and manifest.json)";
        string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        output.WriteLine(spec.Kind switch
        {
            "predict" => $"wrote {(spec.Proba ? "responsibilities" : "labels")} of {rows} rows to {where}",
            "decode" => $"decoded {rows} rows by {spec.Algorithm ?? "viterbi"}; states written to {where}",
            _ when spec.Model == "hmm" => HmmScore(r, rows, outputs, R) + $"; written to {where}",
            _ => $"mean log-likelihood {R(r.GetProperty("log_likelihood").GetDouble() / rows)} over {rows} rows; " +
                 $"written to {where}",
        });
    }

    private static string HmmScore(JsonElement r, long rows, long sequences, Func<double, string> format)
    {
        var total = r.GetProperty("log_likelihood").GetDouble();
        return $"log-likelihood {format(total)} over {sequences} sequence(s) ({rows} rows): per sequence mean " +
            $"{format(total / sequences)}, min {format(r.GetProperty("min").GetDouble())}, max " +
            $"{format(r.GetProperty("max").GetDouble())}; per row {format(total / rows)}";
    }
}
