using AiMass.Kernels.Em;

namespace AiMass.Kernels.Candidates;

/// <summary>
/// The whole state of many fits run in one data pass: every candidate's initialisations (<see cref="CandidateGroup"/>).
/// As a <see cref="CandidateSet"/> it presents the models the next E-step must evaluate — each unfinished run, and
/// the best run of each candidate awaiting its scoring pass — in a stable order (<see cref="Slots"/>); candidates
/// leave the pass as they finish. It is finished when every candidate is done, and then reports the chosen model
/// (<see cref="Result"/>): for a plain fit of N initialisations (no <see cref="Criterion"/>) exactly what
/// <see cref="EmFit"/> would have reported, for a model selection the best candidate by the criterion with the table.
/// </summary>
public sealed class CandidateSelection : CandidateSet, ISelfFinishingParameters
{
    /// <summary>The state of <paramref name="groups"/>; <paramref name="criterion"/> is null for a plain fit.</summary>
    public CandidateSelection(IReadOnlyList<CandidateGroup> groups, string? criterion, int features)
        : this(groups, criterion, features, View(groups, criterion))
    {
    }

    private CandidateSelection(
        IReadOnlyList<CandidateGroup> groups, string? criterion, int features,
        (ModelParameters[] Members, bool[] Classify, EStep.EStepPrecision?[] Precisions, (int Group, int Run)[] Slots)
            view)
        : base(view.Members, view.Classify, features, view.Precisions)
    {
        Groups = groups;
        Criterion = criterion;
        Slots = view.Slots;
    }

    /// <summary>The candidates, in order.</summary>
    public IReadOnlyList<CandidateGroup> Groups { get; }

    /// <summary>bic, aic or icl for a model selection; null for a plain fit of several initialisations.</summary>
    public string? Criterion { get; }

    /// <summary>For each member: its candidate and run (−1 for the candidate's scoring pass).</summary>
    public IReadOnlyList<(int Group, int Run)> Slots { get; }

    /// <inheritdoc />
    public bool IsFinished => Groups.All(g => g.Done);

    /// <summary>The fit result of candidate <paramref name="group"/> (done, not failed), as a fit of it alone.
    /// </summary>
    public FitResult GroupResult(int group)
    {
        var g = Groups[group];
        if (g.Error is not null || g.Outcome is not { } outcome)
        {
            throw new InvalidOperationException($"Candidate {group} has no result.");
        }

        var best = g.Runs[g.Best];
        var result = new FitResult(
            best.Parameters, best.Converged, best.History.Count, best.LowerBound, best.History, outcome.LogLikelihood,
            outcome.Weight, outcome.Rows, g.Best, g.Runs.Select(r => r.LowerBound).ToArray())
        {
            Prior = g.Prior,
        };
        return Criterion is null ? result : result with { Icl = result.Bic - (2 * outcome.Classification) };
    }

    /// <summary>The table: one row per candidate, in order.</summary>
    public IReadOnlyList<SelectionRow> Table() => Groups.Select((g, i) =>
    {
        if (g.Error is not null)
        {
            return new SelectionRow(
                g.Components, g.Covariance, null, null, null, null, null, null, false, null, g.Error);
        }

        var r = GroupResult(i);
        return new SelectionRow(
            g.Components, g.Covariance, r.LowerBound, r.LogLikelihood, r.Bic, r.Aic, r.Icl, r.Iterations, r.Converged,
            r.BestInit, null);
    }).ToArray();

    /// <inheritdoc />
    public FitResult Result()
    {
        if (!IsFinished)
        {
            throw new InvalidOperationException("The candidates have not finished.");
        }

        if (Criterion is null)
        {
            var only = Groups[0];
            return only.Error is null ? GroupResult(0) : throw new InvalidInputException(only.Error);
        }

        var table = Table();
        var best = -1;
        for (var i = 0; i < table.Count; i++)
        {
            // The first candidate with the lowest value wins ties, so the choice does not depend on timing.
            if (SelectionCriterion.Of(Criterion, table[i]) is { } value && double.IsFinite(value)
                && (best < 0 || value < SelectionCriterion.Of(Criterion, table[best])))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            throw new InvalidInputException(
                "Every candidate failed: " + string.Join("; ", table.Select(r => $"k={r.Components} {r.Covariance}: " +
                $"{r.Error}")));
        }

        return GroupResult(best) with { Criterion = Criterion, Selection = table };
    }

    /// <summary>The members of the next pass: unfinished runs, then (per candidate, in order) scoring passes.</summary>
    private static (ModelParameters[], bool[], EStep.EStepPrecision?[], (int, int)[]) View(
        IReadOnlyList<CandidateGroup> groups, string? criterion)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var members = new List<ModelParameters>();
        var classify = new List<bool>();
        var precisions = new List<EStep.EStepPrecision?>();
        var slots = new List<(int, int)>();
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            if (group.Iterating)
            {
                for (var r = 0; r < group.Runs.Count; r++)
                {
                    if (!group.Runs[r].Finished)
                    {
                        members.Add(group.Runs[r].Parameters);
                        classify.Add(false);
                        precisions.Add(group.Runs[r].Precision);
                        slots.Add((g, r));
                    }
                }
            }
            else if (group.Scoring)
            {
                members.Add(group.Runs[group.Best].Parameters);
                classify.Add(criterion is not null);
                precisions.Add(group.ScoringPrecision);
                slots.Add((g, -1));
            }
        }

        return ([.. members], [.. classify], [.. precisions], [.. slots]);
    }
}
