using AiMass.Kernels.Em;

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
    /// <summary>Its last lower bound (−∞ before the first iteration), as <see cref="EmRun.LowerBound"/>.</summary>
    public double LowerBound => History.Count == 0 ? double.NegativeInfinity : History[^1].LowerBound;
}
