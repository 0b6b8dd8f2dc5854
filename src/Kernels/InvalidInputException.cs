namespace AiMass.Kernels;

/// <summary>
/// Bad input or bad usage that the user can fix: the message names the file, row or value and the remedy.
/// The command-line tool prints the message alone and exits with code 2.
/// </summary>
public class InvalidInputException : Exception
{
    /// <summary>An error with a message for the user.</summary>
    public InvalidInputException(string message)
        : base(message)
    {
    }

    /// <summary>An error with a message for the user and the low-level cause.</summary>
    public InvalidInputException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>An error without a message (prefer the other constructors).</summary>
    public InvalidInputException()
    {
    }
}
