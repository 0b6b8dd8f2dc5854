using System.Runtime.ExceptionServices;
using AiMass.Kernels.Em;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Candidates;

/// <summary>
/// The M-step of a <see cref="CandidateSelection"/>: each member's statistics advance that member exactly as its own
/// <see cref="EmRun"/> would (its model's M-step, its lower bound, its convergence test), and a candidate's scoring
/// statistics complete it. Candidates are independent, so their M-steps run in parallel.
/// </summary>
/// <param name="Groups">The candidates, in order.</param>
/// <param name="Criterion">bic, aic or icl for a model selection (a failing candidate is then recorded and the others
/// go on); null for a plain fit of several initialisations (a failure fails the fit, as in
/// <see cref="EmFit"/>).</param>
/// <param name="Features">D.</param>
public sealed record CandidateSetModel(IReadOnlyList<CandidateGroupPlan> Groups, string? Criterion, int Features)
    : IEmModel
{
    /// <summary>The EM settings that drive a selection in one <see cref="EmFit"/>: it stops when every candidate is
    /// done, never on the tolerance. Each run takes at most <paramref name="maxIterations"/> iterations, plus two
    /// passes when auto precision rolls back (the discarded step and the float32 iteration it redoes; at most once
    /// per run), then one scoring pass. The members' precisions are their own runs'.
    /// </summary>
    public static EmSettings DriverSettings(int maxIterations) => new(maxIterations + 3, 0);

    /// <summary>The initial state: every candidate's initialisations from its <see cref="CandidateGroupPlan.Initial"/>.
    /// </summary>
    public CandidateSelection Start()
    {
        var groups = new CandidateGroup[Groups.Count];
        var failures = new Exception?[groups.Length];
        Parallel.For(0, groups.Length, g =>
        {
            var plan = Groups[g];
            try
            {
                var runs = Enumerable.Range(0, plan.InitCount).Select(i => Fresh(plan, i)).ToArray();
                groups[g] = new CandidateGroup(
                    plan.Components, plan.Covariance, plan.Model.PriorDescription, runs, null, null)
                {
                    ScoringPrecision = ScoringPrecision(plan.Settings),
                };
            }
            catch (Exception e)
            {
                failures[g] = e;
            }
        });
        for (var g = 0; g < groups.Length; g++)
        {
            if (failures[g] is InvalidInputException e && Criterion is not null)
            {
                groups[g] = new CandidateGroup(Groups[g].Components, Groups[g].Covariance, null, [], null, e.Message);
            }
            else if (failures[g] is { } failure)
            {
                ExceptionDispatchInfo.Throw(failure); // the first candidate's, unwrapped, whatever the timing
            }
        }

        return new CandidateSelection(groups, Criterion, Features);
    }

    /// <inheritdoc />
    public ModelParameters MStep(SufficientStatistics total, ModelParameters previous)
    {
        if (total is not CandidateSetStatistics stats || previous is not CandidateSelection state
            || stats.Members.Count != state.Members.Count)
        {
            throw new ArgumentException("The candidate M-step needs the statistics of the selection's own members.");
        }

        var runs = state.Groups.Select(g => g.Runs.ToArray()).ToArray();
        var outcomes = state.Groups.Select(g => g.Outcome).ToArray();
        var errors = state.Groups.Select(g => g.Error).ToArray();
        var failures = new Exception?[state.Slots.Count];
        Parallel.For(0, state.Slots.Count, m =>
        {
            var (g, r) = state.Slots[m];
            try
            {
                if (r < 0)
                {
                    var s = stats.Members[m];
                    outcomes[g] = new CandidateOutcome(s.LogLikelihood, s.Weight, s.Rows, stats.Classification[m]);
                    return;
                }

                runs[g][r] = Advance(Groups[g], runs[g][r], stats.Members[m]);
            }
            catch (Exception e)
            {
                failures[m] = e;
            }
        });
        for (var m = 0; m < failures.Length; m++)
        {
            // The first member's failure, whatever the timing: a selection records a degenerate candidate and goes
            // on; anything else (and any failure of a plain fit) is thrown unwrapped, as EmFit would throw it.
            if (failures[m] is DegenerateComponentException e && Criterion is not null)
            {
                errors[state.Slots[m].Group] ??= e.Message;
            }
            else if (failures[m] is { } failure)
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }

        var groups = state.Groups.Select((g, i) => g with { Runs = runs[i], Outcome = outcomes[i], Error = errors[i] });
        return new CandidateSelection(groups.ToArray(), Criterion, Features);
    }

    /// <summary>The arithmetic of a candidate's scoring pass, as <see cref="EmFit.PrecisionToEvaluate"/>.</summary>
    private static EStep.EStepPrecision ScoringPrecision(EmSettings settings) =>
        settings.Precision == FitPrecision.Single ? EStep.EStepPrecision.Single : EStep.EStepPrecision.Double;

    /// <summary>Initialisation <paramref name="init"/> before its first iteration.</summary>
    private static CandidateRun Fresh(CandidateGroupPlan plan, int init)
    {
        var parameters = plan.Initial(init);
        var finished = plan.Settings.MaxIterations <= 0;
        var precision = finished
            ? EStep.EStepPrecision.Double
            : new EmRun(plan.Model, parameters, plan.Settings).Precision;
        return new CandidateRun(init, parameters, [], false, finished) { Precision = precision };
    }

    /// <summary>One iteration of a run, by the candidate's own <see cref="EmRun"/> (which may instead roll back a
    /// float32 step under auto precision, exactly as a separate fit would).</summary>
    private static CandidateRun Advance(CandidateGroupPlan plan, CandidateRun run, SufficientStatistics statistics)
    {
        var em = EmRun.Resume(plan.Model, plan.Settings, run.State);
        em.Advance(statistics);
        var state = em.State(run.Init);
        return new CandidateRun(run.Init, em.Parameters, [.. em.History], em.Converged, em.IsFinished)
        {
            Previous = state.Previous,
            Float64 = state.Float64,
            Precision = em.Precision,
        };
    }
}
