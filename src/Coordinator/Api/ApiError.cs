using AiMass.Kernels.Input;

namespace AiMass.Coordinator.Api;

/// <summary>The body of every API error: a message for the user, and whether it is bad input (exit code 2).</summary>
/// <param name="Error">What went wrong and what to do.</param>
/// <param name="InputError">True for bad input.</param>
public sealed record ApiError(string Error, bool InputError)
{
    /// <summary>What went wrong and what to do, with every secret of this process's settings masked.</summary>
    public string Error { get; init; } = SecretValues.Redact(Error);
}
