using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;

namespace AiMass.Kernels.Candidates;

/// <summary>One initialisation of one candidate: exactly the state of an <see cref="EmRun"/>.</summary>
/// <param name="Init">0-based initialisation index.</param>
/// <param name="Parameters">Its current parameters (the fitted model once finished).</param>
/// <param name="History">Its iterations so far.</param>
/// <param name="Converged">Whether it converged.</param>
/// <param name="Finished">Whether it needs no further E-step.</param>
public sealed record CandidateRun(
    int Init, ModelParameters Parameters, IReadOnlyList<IterationRecord> History, bool Converged, bool Finished)
{
    /// <summary>Auto precision: the parameters its last float32 iteration started from (what a rollback redoes), as
    /// <see cref="EmRunState.Previous"/>.</summary>
    public ModelParameters? Previous { get; init; }

    /// <summary>Auto precision: true once every further iteration runs in float64 (<see cref="EmRunState.Float64"/>).
    /// </summary>
    public bool Float64 { get; init; }

    /// <summary>The arithmetic its next E-step must use (<see cref="EmRun.Precision"/>).</summary>
    public EStepPrecision Precision { get; init; } = EStepPrecision.Double;

    /// <summary>Its state as an <see cref="EmRun"/> checkpoint.</summary>
    public EmRunState State => new(Init, Parameters, History, Converged, Previous, Float64);

    /// <summary>Its last lower bound (−∞ before the first iteration), as <see cref="EmRun.LowerBound"/>.</summary>
    public double LowerBound => History.Count == 0 ? double.NegativeInfinity : History[^1].LowerBound;
}
