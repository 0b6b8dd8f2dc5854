using System.CommandLine;
using AiMass.Kernels;
using AiMass.Kernels.Input;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// The <c>aimass</c> command line: parses, runs one command, and maps failures to exit codes and one-line messages
/// (no stack traces for user errors; set AIMASS_DEBUG=1 to see them for the others).
/// </summary>
public static class AimassCli
{
    /// <summary>Runs the tool with <paramref name="args"/>; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null,
        CancellationToken cancellation = default)
    {
        var context = new CliContext(output ?? Console.Out, error ?? Console.Error, cancellation);
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                context.Error.WriteLine($"aimass: {problem.Message}");
            }

            context.Error.WriteLine("Run 'aimass --help' (or 'aimass COMMAND --help') for the usage.");
            return ExitCodes.BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                Output = context.Out,
                Error = context.Error,
            });
        }
        catch (Exception e)
        {
            return Report(e, context.Error);
        }
    }

    /// <summary>The command tree.</summary>
    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand(
            "AiMass: Expectation-Maximization (Gaussian mixtures, HMMs) on data too large for one machine.");
        root.Subcommands.Add(FitCommand.Build(context));
        root.Subcommands.Add(SelectCommand.Build(context));
        root.Subcommands.Add(ScoreCommand.Build(context));
        root.Subcommands.Add(PredictCommand.Build(context));
        root.Subcommands.Add(DecodeCommand.Build(context));
        root.Subcommands.Add(GenCommand.Build(context));
        root.Subcommands.Add(LocalCommand.Build(context));
        foreach (var node in NodeCommands.Build(context))
        {
            root.Subcommands.Add(node);
        }

        foreach (var client in ClientCommands.Build(context))
        {
            root.Subcommands.Add(client);
        }

        return root;
    }

    /// <summary>Prints an exception as one line (secrets of the settings masked) and returns its exit code.</summary>
    public static int Report(Exception exception, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(error);
        void Say(string line) => error.WriteLine(SecretValues.Redact(line));
        var inner = exception is AggregateException { InnerExceptions.Count: 1 } aggregate
            ? aggregate.InnerExceptions[0]
            : exception;
        switch (inner)
        {
            case InvalidInputException bad:
                Say($"aimass: {bad.Message}");
                return ExitCodes.BadInput;
            case Client.CoordinatorException unreachable:
                Say($"aimass: {unreachable.Message}");
                return ExitCodes.Failure;
            case OperationCanceledException:
                Say("aimass: cancelled.");
                return ExitCodes.Failure;
            default:
                Say($"aimass: {inner.GetType().Name}: {inner.Message}");
                if (Environment.GetEnvironmentVariable("AIMASS_DEBUG") == "1")
                {
                    Say(inner.ToString());
                }

                return ExitCodes.Failure;
        }
    }
}
