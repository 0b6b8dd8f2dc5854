using AiMass.Kernels.Em;

namespace AiMass.Coordinator.Fitting;

/// <summary>Receives a fit's progress: the console prints it, the cluster logs and streams it.</summary>
public interface IFitObserver
{
    /// <summary>The fit starts; <paramref name="description"/> says what is fitted on which data.</summary>
    void Started(string description);

    /// <summary>
    /// Initialisation <paramref name="index"/> (0-based) of <paramref name="count"/> starts iterating.
    /// </summary>
    void InitStarted(int index, int count);

    /// <summary>An EM iteration of initialisation <paramref name="init"/> finished.</summary>
    void Iterated(int init, IterationRecord record);

    /// <summary>The fit finished with <paramref name="result"/>.</summary>
    void Finished(FitResult result);
}
