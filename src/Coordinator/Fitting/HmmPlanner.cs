using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Init;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Fitting;

/// <summary>
/// The <c>hmm</c> branch of <see cref="FitPlanner"/>: S states (<c>--states</c>), Gaussian (full | diag, default
/// diag as hmmlearn's GaussianHMM) or categorical emissions, hmmlearn's priors, and initial models from
/// <c>--init</c> or <see cref="HmmInitializer"/> on a seeded row sample (initialisation i from (seed, i), as the
/// mixtures). Without lengths the data are one sequence (as hmmlearn), which a partition never cuts.
/// </summary>
internal static class HmmPlanner
{
    /// <summary>Plans an HMM fit of <paramref name="spec"/> over <paramref name="data"/>.</summary>
    public static FitPlan Plan(
        FitSpec spec, IRowSource data, IRowSource? weights, CancellationToken cancellationToken = default)
    {
        if (weights is not null)
        {
            throw new InvalidInputException("HMMs take no sample weights; drop --sample-weight.");
        }

        if (spec.Lengths is null && (spec.Partitions ?? 1) > 1)
        {
            throw new InvalidInputException(
                $"--partitions {spec.Partitions}: without --lengths the data are one sequence, and a sequence is " +
                "never cut; give --lengths (one length per sequence) or use --partitions 1.");
        }

        var categorical = ParseEmission(spec.Emission);
        var model = HmmInitialModels.MStep(spec, categorical);
        var settings = new EmSettings(spec.MaxIter, spec.Tol, FitPrecisions.Parse(spec.Precision));
        if (HmmInitialModels.FromModel(spec, data, categorical, model, settings) is { } warm)
        {
            return warm;
        }

        var states = spec.Components;
        if (states < 1)
        {
            throw new InvalidInputException($"--states {states} must be at least 1 (or give --init model.json).");
        }

        if (states > data.Rows)
        {
            throw new InvalidInputException(
                $"--states {states} is more than the {data.Rows} rows of {data.Name}; lower --states.");
        }

        HmmInitialModels.CheckDataInit(spec, categorical);
        var plan = categorical
            ? PlanCategorical(spec, data, model, settings, states, cancellationToken)
            : PlanGaussian(spec, data, model, settings, states, cancellationToken);
        return HmmInitialModels.WithTopology(plan, spec, states);
    }

    /// <summary>hmmlearn's prior names mapped one to one; null is no prior.</summary>
    public static HmmPriors Priors(HmmPriorSpec? spec) => spec is null
        ? HmmPriors.None
        : new HmmPriors(
            spec.StartProbPrior, spec.TransMatPrior, spec.EmissionProbPrior, spec.MeansPrior, spec.MeansWeight,
            spec.CovarsPrior, spec.CovarsWeight);

    /// <summary>True for categorical, false for Gaussian emissions.</summary>
    public static bool ParseEmission(string? emission) => emission?.Trim().ToLowerInvariant() switch
    {
        null or "gaussian" => false,
        "categorical" => true,
        _ => throw new InvalidInputException($"--emission {emission}: use gaussian or categorical."),
    };

    /// <summary>One line naming the model, e.g. "hmm S=4 gaussian diag, D=3".</summary>
    public static string Describe(HmmParameters p) => p.Emission == HmmEmission.Categorical
        ? $"hmm S={p.States} categorical M={p.Symbols}"
        : $"hmm S={p.States} gaussian {p.Emission.CovarianceType().Name()}";

    private static FitPlan PlanGaussian(
        FitSpec spec, IRowSource data, HmmMStep model, EmSettings settings, int states, CancellationToken cancel)
    {
        var type = CovarianceTypes.Parse(spec.CovarianceType ?? "diag");
        HmmEmissions.FromCovarianceType(type);
        PlanLimits.CheckGaussianHmm(states, type, spec.NInit, data);
        var sample = new Lazy<RowSample>(
            () => RowSample.Draw(data, null, RowSample.DefaultMaxRows, spec.Seed, cancel));
        return new FitPlan(
            spec, model, settings,
            i => HmmInitializer.CreateGaussian(
                sample.Value, states, type, spec.RegCovar, spec.Seed, i, cancellationToken: cancel),
            spec.NInit, $"hmm S={states} gaussian {type.Name()}, {spec.NInit} init(s) by k-means++ (seed {spec.Seed})");
    }

    private static FitPlan PlanCategorical(
        FitSpec spec, IRowSource data, HmmMStep model, EmSettings settings, int states, CancellationToken cancel)
    {
        if (spec.CovarianceType is { } given)
        {
            throw new InvalidInputException(
                $"--covariance {given} applies to gaussian emissions only; drop it for --emission categorical.");
        }

        // hmmlearn infers n_features (M) as the largest symbol + 1: one pass over the single column.
        var symbols = CategoricalSymbols.Count(data, cancel);
        PlanLimits.CheckCategoricalHmm(states, symbols, data);
        var sample = new Lazy<RowSample>(
            () => RowSample.Draw(data, null, RowSample.DefaultMaxRows, spec.Seed, cancel));
        return new FitPlan(
            spec, model, settings,
            i => HmmInitializer.CreateCategorical(sample.Value, states, symbols, spec.Seed, i),
            spec.NInit, $"hmm S={states} categorical M={symbols}, {spec.NInit} init(s) (seed {spec.Seed})");
    }
}
