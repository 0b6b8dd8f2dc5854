namespace AiMass.Kernels.EStep;

/// <summary>
/// A backend that can degrade without failing (a GPU partition that falls back to the CPU path) and says so; the
/// command line prints the warning, a worker node logs it.
/// </summary>
public interface IWarningSource
{
    /// <summary>Raised with a one-line message for the user.</summary>
    event Action<string>? Warning;
}
