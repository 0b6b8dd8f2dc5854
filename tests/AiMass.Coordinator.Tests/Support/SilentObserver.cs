using AiMass.Coordinator.Fitting;
using AiMass.Kernels.Em;

namespace AiMass.Coordinator.Tests.Support;

/// <summary>An <see cref="IFitObserver"/> that prints nothing.</summary>
public sealed class SilentObserver : IFitObserver
{
    /// <inheritdoc />
    public void Started(string description)
    {
    }

    /// <inheritdoc />
    public void InitStarted(int index, int count)
    {
    }

    /// <inheritdoc />
    public void Iterated(int init, IterationRecord record)
    {
    }

    /// <inheritdoc />
    public void Finished(FitResult result)
    {
    }
}
