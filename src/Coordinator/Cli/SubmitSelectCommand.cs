using System.CommandLine;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>aimass submit select gmm [select flags] [--coordinator URL] [--no-wait] [--output F] [--table T]</c>: the model
/// selection as a cluster job (every partition's E-step pass computes every running candidate's statistics); when it
/// succeeds, the best model goes to <c>--output</c> and the table to stdout and <c>--table</c>.
/// </summary>
public static class SubmitSelectCommand
{
    /// <summary>The <c>submit select</c> command.</summary>
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var select = new Command("select", "Submit a model selection (many candidates in one data pass)");
        var options = new SelectOptions();
        var client = new ClientOptions();
        var output = SelectCommand.OutputOption();
        var noWait = new Option<bool>("--no-wait") { Description = "Print the job id and return" };
        var gmm = new Command("gmm", "Gaussian mixtures: every k × covariance × init on the cluster");
        options.AddTo(gmm);
        client.AddTo(gmm);
        gmm.Options.Add(noWait);
        gmm.Options.Add(output);
        gmm.SetAction(parse =>
        {
            var spec = options.ToSpec(parse);
            var (path, table) = (parse.GetValue(output)!, parse.GetValue(options.Table));
            SelectCommand.CheckOutputs(path, table);
            using var coordinator = client.Connect(parse, context.Error);
            return RunAsync(coordinator, spec, parse.GetValue(noWait), path, table, client.WantsJson(parse), context)
                .GetAwaiter().GetResult();
        });
        select.Subcommands.Add(gmm);
        return select;
    }

    private static async Task<int> RunAsync(
        Client.CoordinatorClient coordinator, FitSpec spec, bool noWait, string output, string? table, bool json,
        CliContext context)
    {
        var id = await coordinator.SubmitAsync(spec, context.Cancellation);
        if (noWait)
        {
            context.Out.WriteLine(id);
            return ExitCodes.Success;
        }

        if (!json)
        {
            context.Out.WriteLine($"submitted job {id} to {Client.CoordinatorAddress.Display(coordinator.Address)}");
        }

        var code = await JobFollower.RunAsync(coordinator, id, output, json, context);
        if (code == ExitCodes.Success && !json)
        {
            SelectionReport.FromModelFile(output, table, context);
        }

        return code;
    }
}
