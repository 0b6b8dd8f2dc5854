using AiMass.Coordinator.Fitting;
using AiMass.Kernels.Em;

namespace AiMass.Cluster.Tests.Support;

/// <summary>A fit observer that ignores the progress of a local reference fit.</summary>
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
