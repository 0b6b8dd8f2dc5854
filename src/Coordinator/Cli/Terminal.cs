namespace AiMass.Coordinator.Cli;

/// <summary>Whether a command writes to a person at a terminal (live displays) or to a file, pipe or test.</summary>
public static class Terminal
{
    /// <summary>
    /// True when <paramref name="output"/> is this process's standard output and that is a terminal;
    /// <c>TERM=dumb</c> or <c>AIMASS_PLAIN=1</c> ask for plain lines anyway.
    /// </summary>
    public static bool IsInteractive(TextWriter output) =>
        ReferenceEquals(output, Console.Out)
        && !Console.IsOutputRedirected
        && Environment.GetEnvironmentVariable("TERM") != "dumb"
        && Environment.GetEnvironmentVariable("AIMASS_PLAIN") != "1";
}
