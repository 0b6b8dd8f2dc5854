using AiMass.Coordinator.Cli;

namespace AiMass.Coordinator.Tests.Support;

/// <summary>What one in-process run of the <c>aimass</c> tool printed and returned.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs <c>aimass ARGS</c> in this process (cancelled after two minutes at most).</summary>
    public static CliRun Of(params string[] args) => Run(args, null);

    /// <summary>Runs <c>aimass ARGS</c> in this process; <paramref name="cancelAfter"/> plays Ctrl-C.</summary>
    public static CliRun Of(string[] args, TimeSpan? cancelAfter) => Run(args, cancelAfter);

    /// <summary>Standard output's lines.</summary>
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Standard error's lines.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Asserts success and returns the run.</summary>
    public CliRun Succeeded()
    {
        Assert.True(ExitCode == 0, $"exit code {ExitCode}; stderr: {Error}");
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";

    private static CliRun Run(string[] args, TimeSpan? cancelAfter)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cancellation = new CancellationTokenSource(cancelAfter ?? TimeSpan.FromMinutes(2));
        var code = AimassCli.Run(args, output, error, cancellation.Token);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
