using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;

namespace AiMass.Kernels.Candidates;

/// <summary>
/// Many models evaluated in one E-step pass: the parameters of every candidate still running, in a stable order.
/// An E-step over a partition returns a <see cref="CandidateSetStatistics"/> with each member's statistics in the
/// same order, so the rows are read once per pass for all of them. This is what travels to the workers; the
/// coordinator's full state is a <see cref="CandidateSelection"/>.
/// </summary>
public class CandidateSet : ModelParameters
{
    private readonly int _features;

    /// <summary>A set of <paramref name="members"/> (all over <paramref name="features"/> columns);
    /// <paramref name="classify"/>[m] asks also for member m's classification log-likelihood (for the ICL);
    /// <paramref name="precisions"/>[m] is the arithmetic member m's E-step must use (each member follows its own
    /// run's precision, as its separate fit would), null (or no list) for the step's own.</summary>
    public CandidateSet(
        IReadOnlyList<ModelParameters> members, IReadOnlyList<bool> classify, int features,
        IReadOnlyList<EStepPrecision?>? precisions = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(classify);
        precisions ??= new EStepPrecision?[members.Count];
        if (members.Count != classify.Count || members.Count != precisions.Count)
        {
            throw new ArgumentException(
                $"{members.Count} members but {classify.Count} classification flags and {precisions.Count} " +
                "precisions.");
        }

        foreach (var member in members)
        {
            if (member is CandidateSet || member.Features != features)
            {
                throw new ArgumentException(
                    $"A candidate set holds plain models of {features} features, not {member.GetType().Name} of " +
                    $"{member.Features}.");
            }
        }

        Members = members;
        Classify = classify;
        Precisions = precisions;
        _features = features;
    }

    /// <summary>The candidates evaluated in this pass, in their stable order.</summary>
    public IReadOnlyList<ModelParameters> Members { get; }

    /// <summary>Per member: whether the E-step also returns Σ wᵢ log max_k r_ik (mixtures only).</summary>
    public IReadOnlyList<bool> Classify { get; }

    /// <summary>Per member: the arithmetic its E-step must use, or null for the step's own.</summary>
    public IReadOnlyList<EStepPrecision?> Precisions { get; }

    /// <inheritdoc />
    public override int Features => _features;

    /// <summary>Member <paramref name="m"/>'s arithmetic in a step asked for <paramref name="step"/>.</summary>
    public EStepPrecision? PrecisionOf(int m, EStepPrecision? step) => Precisions[m] ?? step;

    /// <inheritdoc />
    public override long FreeParameterCount => Members.Sum(m => m.FreeParameterCount);
}
