namespace AiMass.Kernels.Mixture;

/// <summary>
/// A mixture component (or HMM state) whose covariance is not positive definite or whose weight vanished.
/// </summary>
public sealed class DegenerateComponentException : InvalidInputException
{
    /// <summary>Names the component and what the user can do.</summary>
    public DegenerateComponentException(int component, string message)
        : base(message)
    {
        Component = component;
    }

    /// <summary>Index of the degenerate component (0-based).</summary>
    public int Component { get; }
}
