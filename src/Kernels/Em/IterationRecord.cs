using AiMass.Kernels.EStep;

namespace AiMass.Kernels.Em;

/// <summary>What one EM iteration did: the numbers a user watches.</summary>
/// <param name="Iteration">1-based iteration number within its initialisation.</param>
/// <param name="LowerBound">Mean per-sample log-likelihood under the parameters before this M-step
/// (scikit-learn's <c>lower_bound_</c>).</param>
/// <param name="Change">LowerBound minus the previous one (∞ on the first iteration).</param>
/// <param name="Milliseconds">Wall time of the iteration (E-step, reduction and M-step).</param>
/// <param name="EStepMilliseconds">The part of it spent computing and adding the statistics (the rest is the
/// M-step), so users can see which side dominates.</param>
/// <param name="Precision">The arithmetic of the iteration's E-step (its statistics are float64 sums either
/// way).</param>
public sealed record IterationRecord(
    int Iteration, double LowerBound, double Change, double Milliseconds, double EStepMilliseconds = 0,
    EStepPrecision Precision = EStepPrecision.Double);
