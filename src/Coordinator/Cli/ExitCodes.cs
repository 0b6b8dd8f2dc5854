namespace AiMass.Coordinator.Cli;

/// <summary>The exit codes of the <c>aimass</c> tool (ARCHITECTURE.md).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>Any failure that is not the user's input: a failed job, a crash, a lost connection.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or bad input: the message names the file, row or value and the remedy.</summary>
    public const int BadInput = 2;
}
