namespace AiMass.Kernels.Em;

/// <summary>
/// Parameters whose EM loop decides itself when it ends and what it reports: a candidate set (many models fitted
/// in one data pass) is finished when every candidate is, including its own scoring pass, and reports the result it
/// chose. <see cref="EmRun"/> stops when <see cref="IsFinished"/>; <see cref="EmFit"/> then skips its scoring pass
/// and returns <see cref="Result"/>.
/// </summary>
public interface ISelfFinishingParameters
{
    /// <summary>True when no further E-step is needed.</summary>
    bool IsFinished { get; }

    /// <summary>The fit's result; only when <see cref="IsFinished"/>.</summary>
    FitResult Result();
}
