using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.Init;
using AiMass.Kernels.Input;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Seed.Data.Storage;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Fitting;

/// <summary>
/// Turns a <see cref="FitSpec"/> into a <see cref="FitPlan"/>: validates the options against the data, and builds
/// the initial models (from <c>--init</c>, or k-means++ on a seeded row sample) exactly as every run of the same
/// spec will — locally or on a cluster. HMMs: see <see cref="HmmPlanner"/>.
/// </summary>
public static class FitPlanner
{
    /// <summary>
    /// Plans <paramref name="spec"/> over <paramref name="data"/> (and its optional sample weights): checks the
    /// options and <see cref="PlanLimits"/> from the header (cheap; reads no rows, except a categorical HMM's symbol
    /// count). The initial models are built later, when the fit asks for them; cancelling
    /// <paramref name="cancellationToken"/> stops that sampling and k-means within about one pass over the sample.
    /// </summary>
    public static FitPlan Create(
        FitSpec spec, IRowSource data, IRowSource? weights, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        CheckCommon(spec);
        var plan = spec.Kind?.Trim().ToLowerInvariant() switch
        {
            "select" => SelectionPlanner.Plan(spec, data, weights, cancellationToken),
            "predict" or "score" or "decode" => Inference.InferencePlanner.Plan(spec, data),
            null or "fit" => spec.Model switch
            {
                "gmm" => PlanMixture(spec, data, weights, cancellationToken),
                "hmm" => HmmPlanner.Plan(spec, data, weights, cancellationToken),
                _ => throw new InvalidInputException($"Unknown model {Excerpt.Of(spec.Model)}; use gmm or hmm."),
            },
            _ => throw new InvalidInputException(
                $"Unknown job kind {Excerpt.Of(spec.Kind)}; use fit, select, predict, score or decode."),
        };

        // Several initialisations run together, each E-step pass computing every unfinished one's statistics.
        return plan.InitCount > 1 ? SelectionPlanner.OnePass(plan, data.Features) : plan;
    }

    /// <summary>
    /// The partition count of a cluster job whose spec names none: <paramref name="suggested"/> (workers ×
    /// partitions per worker), except for HMMs, whose sequences are never cut: one partition without lengths,
    /// and at most one partition per sequence (reads the lengths file, inside <paramref name="roots"/>).
    /// </summary>
    public static int DefaultPartitions(
        FitSpec spec, int suggested, DataRoots? roots = null, DataAccess? access = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Model != "hmm")
        {
            return suggested;
        }

        if (spec.Lengths is null)
        {
            return 1;
        }

        using var probe = DatasetLayout.Open(spec, 1, access, roots);
        return Math.Min(suggested, probe.Lengths!.Count);
    }

    private static void CheckCommon(FitSpec spec)
    {
        if (!(spec.RegCovar >= 0) || double.IsInfinity(spec.RegCovar))
        {
            throw new InvalidInputException($"--reg-covar {spec.RegCovar} must be a finite number ≥ 0.");
        }

        if (spec.NInit < 1)
        {
            throw new InvalidInputException($"--n-init {spec.NInit} must be at least 1.");
        }

        new EmSettings(spec.MaxIter, spec.Tol, FitPrecisions.Parse(spec.Precision)).Validate();
    }

    private static FitPlan PlanMixture(
        FitSpec spec, IRowSource data, IRowSource? weights, CancellationToken cancellationToken) =>
        PlanMixture(
            spec, data, new Lazy<RowSample>(() => DrawSample(spec, data, weights, cancellationToken)),
            cancellationToken);

    /// <summary>The seeded row sample a mixture fit initialises from (and a weak prior is centred on).</summary>
    internal static RowSample DrawSample(
        FitSpec spec, IRowSource data, IRowSource? weights, CancellationToken cancellationToken) =>
        RowSample.Draw(data, weights, RowSample.DefaultMaxRows, spec.Seed, cancellationToken);

    /// <summary>Plans a mixture fit over <paramref name="data"/> with the row sample <paramref name="drawn"/> (shared
    /// by the candidates of a model selection: the same seed draws the same rows); checks <see cref="PlanLimits"/>.
    /// </summary>
    internal static FitPlan PlanMixture(
        FitSpec spec, IRowSource data, Lazy<RowSample> drawn, CancellationToken cancellationToken)
    {
        var settings = new EmSettings(spec.MaxIter, spec.Tol, FitPrecisions.Parse(spec.Precision));
        var saved = MixturePriors.SavedModel(spec, data.Features);
        if (spec.InitModel is not null || saved is not null)
        {
            // A saved prior model is also where the fit starts, unless --init says otherwise (MAP adaptation).
            var from = spec.InitModel is not null
                ? spec
                : spec with { InitModel = spec.PriorModel, InitModelName = spec.PriorModelName };
            var initial = InitialMixture(from, data);
            var model = MixturePriors.Model(spec, saved, initial.CovarianceType, initial.Components, () => drawn.Value);
            var summary =
                $"gmm K={initial.Components} {initial.CovarianceType.Name()}, warm start from {from.InitModelName}" +
                PriorSuffix(model);
            return new FitPlan(spec, model, settings, _ => initial, 1, summary);
        }

        var type = CovarianceTypes.Parse(spec.CovarianceType ?? "full");
        var k = spec.Components;
        if (k < 1)
        {
            throw new InvalidInputException($"--k {k} must be at least 1.");
        }

        if (k > data.Rows)
        {
            throw new InvalidInputException($"--k {k} is more than the {data.Rows} rows of {data.Name}; lower --k.");
        }

        var method = InitMethods.Parse(spec.InitMethod);
        PlanLimits.CheckMixture(k, type, method, spec.NInit, data);
        var sample = new Lazy<RowSample>(() => InitialSample.Check(drawn.Value, data, k));
        var mStep = MixturePriors.Model(spec, null, type, k, () => drawn.Value);
        return new FitPlan(
            spec, mStep, settings,
            i => GaussianMixtureInitializer.Create(
                sample.Value, k, type, spec.RegCovar, method, spec.Seed, i, cancellationToken),
            spec.NInit,
            $"gmm K={k} {type.Name()}, {spec.NInit} init(s) by {method.Name()} (seed {spec.Seed})" +
            PriorSuffix(mStep));
    }

    /// <summary>", MAP with prior …" for a MAP-EM model, else nothing.</summary>
    internal static string PriorSuffix(IEmModel model) =>
        model.PriorDescription is { } prior ? $", MAP with prior {prior}" : "";

    private static GaussianMixtureParameters InitialMixture(FitSpec spec, IRowSource data)
    {
        var name = spec.InitModelName ?? "the --init model";
        if (ModelFile.Parse(spec.InitModel!, name) is not GaussianMixtureParameters initial)
        {
            throw new InvalidInputException($"{name} is not a Gaussian-mixture model; give a \"kind\": \"gmm\" file.");
        }

        if (initial.Features != data.Features)
        {
            throw new InvalidInputException(
                $"{name} has {initial.Features} features but {data.Name} has {data.Features} columns; " +
                "give a model fitted on data with the same columns.");
        }

        if (spec.Components != 0 && spec.Components != initial.Components)
        {
            throw new InvalidInputException(
                $"--k {spec.Components} differs from the {initial.Components} components of {name}; " +
                "drop --k or fix it.");
        }

        if (spec.CovarianceType is { } given && CovarianceTypes.Parse(given) != initial.CovarianceType)
        {
            throw new InvalidInputException(
                $"--covariance {given} differs from {name}'s {initial.CovarianceType.Name()} covariances.");
        }

        if (spec.NInit > 1)
        {
            throw new InvalidInputException(
                $"--n-init {spec.NInit} has no effect with --init (every run would start from the same model); " +
                "drop one of them.");
        }

        if (initial.Components > data.Rows)
        {
            throw new InvalidInputException(
                $"{name} has {initial.Components} components, more than the {data.Rows} rows of {data.Name}.");
        }

        return initial;
    }
}
