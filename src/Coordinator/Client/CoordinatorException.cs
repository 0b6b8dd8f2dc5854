namespace AiMass.Coordinator.Client;

/// <summary>
/// A failure talking to the coordinator that is not the user's input (unreachable, timed out, an unexpected
/// answer): the CLI prints its message as one line and exits with code 1.
/// </summary>
public sealed class CoordinatorException : Exception
{
    /// <summary>A failure with a message for the user.</summary>
    public CoordinatorException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with a message for the user and its cause.</summary>
    public CoordinatorException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>An empty failure (for serializers and analyzers).</summary>
    public CoordinatorException()
    {
    }
}
