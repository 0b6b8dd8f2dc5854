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

    /// <summary>Auto precision discarded iteration <see cref="PrecisionRollback.Iteration"/> of initialisation
    /// <paramref name="init"/> (its float32 change was too small to trust) and redoes from the one before in float64;
    /// observers that show nothing for it need not implement it.</summary>
    void RolledBack(int init, PrecisionRollback rollback)
    {
    }

    /// <summary>The fit finished with <paramref name="result"/>.</summary>
    void Finished(FitResult result);
}
