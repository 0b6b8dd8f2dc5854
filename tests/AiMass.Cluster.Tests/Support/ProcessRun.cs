using System.Diagnostics;
using System.Text;

namespace AiMass.Cluster.Tests.Support;

/// <summary>A finished child process: exit code and what it printed.</summary>
/// <param name="ExitCode">Exit code.</param>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record ProcessRun(int ExitCode, string Out, string Error)
{
    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="arguments"/> and waits at most <paramref name="timeout"/>
    /// (then kills its process tree and throws). AIMASS_* variables of this process are not passed on, so a
    /// developer's shell cannot change the test; <paramref name="environment"/> adds variables.
    /// </summary>
    public static ProcessRun Of(
        string file, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var inherited = info.Environment.Keys.Where(k => k.StartsWith("AIMASS_", StringComparison.Ordinal)).ToArray();
        foreach (var name in inherited)
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var output = new StringBuilder();
        var error = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException(
                $"{file} {string.Join(' ', info.ArgumentList)} did not end within {timeout.TotalSeconds:F0} s.\n" +
                $"--- stdout\n{output}--- stderr\n{error}");
        }

        process.WaitForExit(); // drains the output readers
        return new ProcessRun(process.ExitCode, Text(output), Text(error));
    }

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }

    private static string Text(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}
