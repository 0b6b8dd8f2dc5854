using AiMass.Coordinator.Fitting;
using AiMass.Kernels.Em;

namespace AiMass.Cluster.Tests.Support;

/// <summary>Ignores a local fit's progress.</summary>
public sealed class NullFitObserver : IFitObserver
{
    public void Started(string description)
    {
    }

    public void InitStarted(int index, int count)
    {
    }

    public void Iterated(int init, IterationRecord record)
    {
    }

    public void Finished(FitResult result)
    {
    }
}
