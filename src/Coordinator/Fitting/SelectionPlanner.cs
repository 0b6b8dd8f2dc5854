using AiMass.Kernels;
using AiMass.Kernels.Candidates;
using AiMass.Kernels.Data;
using AiMass.Kernels.Init;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Fitting;

/// <summary>
/// Fits run together in one data pass (<see cref="CandidateSetModel"/>): a model selection (<c>aimass select gmm</c>:
/// every K × covariance candidate with its initialisations, each planned exactly as the separate
/// <c>aimass fit gmm --k K --covariance C</c> with the same options), and a fit's own initialisations
/// (<c>--n-init N</c>).
/// </summary>
public static class SelectionPlanner
{
    /// <summary>The four covariance types, in the order a selection lists them by default.</summary>
    public static IReadOnlyList<string> AllCovariances { get; } = ["full", "tied", "diag", "spherical"];

    /// <summary>
    /// Plans the model selection <paramref name="spec"/> asks for. Each candidate is planned (and checked against
    /// <see cref="PlanLimits"/>) as its separate fit would be; the candidates' initialisation work together must also
    /// stay within <see cref="PlanLimits.MaxInitWork"/>.
    /// </summary>
    public static FitPlan Plan(
        FitSpec spec, IRowSource data, IRowSource? weights, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        Check(spec);
        var criterion = SelectionCriterion.Parse(spec.Criterion);
        var ks = spec.SelectK!;
        var types = (spec.SelectCovariance ?? AllCovariances).Select(t => CovarianceTypes.Parse(t).Name()).ToArray();
        CheckTotalInitWork(spec, ks, types.Length, data);
        var drawn = new Lazy<RowSample>(() => FitPlanner.DrawSample(spec, data, weights, cancellationToken));
        var groups = new List<CandidateGroupPlan>();
        foreach (var k in ks)
        {
            foreach (var type in types)
            {
                var one = spec with { Kind = null, Components = k, CovarianceType = type };
                var plan = FitPlanner.PlanMixture(one, data, drawn, cancellationToken);
                groups.Add(new CandidateGroupPlan(k, type, plan.Model, plan.Settings, plan.Initial, plan.InitCount));
            }
        }

        var model = new CandidateSetModel(groups, criterion, data.Features);
        return new FitPlan(
            spec, model, CandidateSetModel.DriverSettings(spec.MaxIter), _ => model.Start(), 1,
            $"select gmm: k {Describe(ks)} × {string.Join(",", types)} ({groups.Count} candidates), " +
            $"{spec.NInit} init(s) each by {spec.InitMethod} (seed {spec.Seed}), lowest {criterion} wins" +
            (spec.Prior is null ? "" : $", prior {spec.Prior}"));
    }

    /// <summary>
    /// <paramref name="plan"/>'s initialisations run together: one candidate whose result is exactly the sequential
    /// fit's (same initial models, same per-run EM, scikit-learn's choice of the best lower bound).
    /// </summary>
    public static FitPlan OnePass(FitPlan plan, int features)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var group = new CandidateGroupPlan(
            plan.Spec.Components, plan.Spec.CovarianceType ?? plan.Spec.Model, plan.Model, plan.Settings, plan.Initial,
            plan.InitCount);
        var model = new CandidateSetModel([group], null, features);
        return plan with
        {
            Model = model,
            Settings = CandidateSetModel.DriverSettings(plan.Settings.MaxIterations),
            Initial = _ => model.Start(),
            InitCount = 1,
            Summary = plan.Summary + ", all in one pass",
        };
    }

    /// <summary>Refuses a selection whose candidates' initialisations together would take hours (each candidate
    /// alone is checked when it is planned).</summary>
    private static void CheckTotalInitWork(FitSpec spec, IReadOnlyList<int> ks, int types, IRowSource data)
    {
        var method = InitMethods.Parse(spec.InitMethod);
        var work = ks.Sum(k => PlanLimits.InitWork(k, method, spec.NInit, data.Rows, data.Features)) * types;
        if (work > PlanLimits.MaxInitWork)
        {
            throw new InvalidInputException(
                $"--k {Describe(ks)} × {types} covariance type(s) × --n-init {spec.NInit}: initialising every "
                + $"candidate would take about {work:0.#e0} distance terms, over the limit of "
                + $"{PlanLimits.MaxInitWork:0.#e0}; try fewer k, fewer covariance types or a lower --n-init.");
        }
    }

    private static void Check(FitSpec spec)
    {
        if (spec.Model != "gmm")
        {
            throw new InvalidInputException($"select takes gmm, not {Kernels.Input.Excerpt.Of(spec.Model)}.");
        }

        if (spec.SelectK is not { Count: > 0 } ks || ks.Any(k => k < 1))
        {
            throw new InvalidInputException("--k needs one or more component counts ≥ 1, e.g. 2..16 or 2,4,8.");
        }

        if (spec.SelectCovariance is { Count: 0 })
        {
            throw new InvalidInputException("--covariance needs one or more of full, tied, diag, spherical.");
        }

        var refused = (spec.InitModel, spec.PriorModel, spec.Labels) switch
        {
            ({ }, _, _) => "--init",
            (_, { }, _) => "--prior-model",
            (_, _, { }) => "--labels",
            _ => null,
        };
        if (refused is not null)
        {
            throw new InvalidInputException(
                $"select fits candidates of different K and covariance; {refused} fixes one model, so it does not " +
                "apply: use aimass fit gmm for it.");
        }
    }

    private static string Describe(IReadOnlyList<int> ks) =>
        ks.Count > 2 && ks.Zip(ks.Skip(1)).All(p => p.Second == p.First + 1)
            ? $"{ks[0]}..{ks[^1]}"
            : string.Join(",", ks);
}
