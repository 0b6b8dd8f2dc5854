using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Init;
using AiMass.Kernels.Models;
using AiMass.Kernels.Priors;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Fitting;

/// <summary>
/// The HMM options beyond the plain fit: the M-step's priors (hmmlearn's, or a saved model with
/// <c>--prior-strength</c>) and frozen parameters (<c>--params</c>); initial models from <c>--init</c> (or the prior
/// model) with <c>--init-params</c> re-initialised from the data; and <c>--topology left-right</c>.
/// </summary>
internal static class HmmInitialModels
{
    /// <summary>The M-step <paramref name="spec"/> asks for.</summary>
    public static HmmMStep MStep(FitSpec spec, bool categorical)
    {
        if (spec.Prior is not null)
        {
            throw new InvalidInputException(
                "--prior weak is for Gaussian mixtures; HMMs take hmmlearn's priors (--startprob-prior …) or " +
                "--prior-model FILE.");
        }

        var priors = HmmPlanner.Priors(spec.Priors);
        priors.Validate();
        var letters = HmmParamLetters.Parse(spec.Params, categorical, "--params");
        return new HmmMStep(spec.RegCovar)
        {
            Priors = priors,
            PriorModel = PriorModel(spec),
            Params = letters == HmmParamLetters.All(categorical) ? null : letters,
        };
    }

    /// <summary>
    /// The plan when the fit starts from a model (<c>--init</c>, else the <c>--prior-model</c>): that model, with the
    /// <c>--init-params</c> letters taken from the data initialiser; null when the fit starts from the data.
    /// </summary>
    public static FitPlan? FromModel(
        FitSpec spec, IRowSource data, bool categorical, HmmMStep model, EmSettings settings)
    {
        var from = spec.InitModel is not null
            ? spec
            : spec with { InitModel = spec.PriorModel, InitModelName = spec.PriorModelName };
        if (from.InitModel is null)
        {
            return null;
        }

        if (HmmTopology.IsLeftRight(spec.Topology))
        {
            throw new InvalidInputException(
                $"--topology builds startprob and transmat from the data; {from.InitModelName} has its own (its " +
                "zeros stay zero): drop --topology, or --init.");
        }

        var initial = HmmInitChecks.Check(from, data, categorical);
        model.PriorModel?.Validate(initial);
        var letters = HmmParamLetters.Parse(spec.InitParams ?? "", categorical, "--init-params");
        var summary = $"{HmmPlanner.Describe(initial)}, warm start from {from.InitModelName}" +
            FitPlanner.PriorSuffix(model) + Frozen(model);
        if (letters.Length == 0)
        {
            return new FitPlan(spec, model, settings, _ => initial, 1, summary);
        }

        var sample = new Lazy<RowSample>(() => RowSample.Draw(data, null, RowSample.DefaultMaxRows, spec.Seed));
        Func<int, HmmParameters> fromData = categorical
            ? i => HmmInitializer.CreateCategorical(sample.Value, initial.States, initial.Symbols, spec.Seed, i)
            : i => HmmInitializer.CreateGaussian(
                sample.Value, initial.States, initial.Emission.CovarianceType(), spec.RegCovar, spec.Seed, i);
        return new FitPlan(
            spec, model, settings, i => HmmTopology.Take(initial, fromData(i), letters), 1,
            $"{summary}, {letters} from the data (seed {spec.Seed})");
    }

    /// <summary>Without an init model every parameter comes from the data (s and t may come from the topology).
    /// </summary>
    public static void CheckDataInit(FitSpec spec, bool categorical)
    {
        var all = HmmParamLetters.All(categorical);
        var letters = HmmParamLetters.Parse(spec.InitParams, categorical, "--init-params");
        var given = HmmTopology.IsLeftRight(spec.Topology) ? letters + "st" : letters;
        var missing = string.Concat(all.Where(c => !given.Contains(c, StringComparison.Ordinal)));
        if (missing.Length > 0)
        {
            throw new InvalidInputException(
                $"--init-params {spec.InitParams} leaves '{missing}' without an initial value; give --init " +
                "model.json for them, or add them to --init-params.");
        }
    }

    /// <summary><paramref name="plan"/> with the left-right start and transitions when the spec asks for them.
    /// </summary>
    public static FitPlan WithTopology(FitPlan plan, FitSpec spec, int states)
    {
        var described = plan with { Summary = plan.Summary + FitPlanner.PriorSuffix(plan.Model) + Frozen(plan.Model) };
        if (!HmmTopology.IsLeftRight(spec.Topology))
        {
            return described;
        }

        var (start, transitions) = HmmTopology.LeftRight(states);
        var data = plan.Initial;
        return described with
        {
            Initial = i => HmmTopology.WithChain((HmmParameters)data(i), [.. start], [.. transitions]),
            Summary = described.Summary + ", left-right topology",
        };
    }

    private static string Frozen(IEmModel model) =>
        model is HmmMStep { Params: { } letters } ? $", updating only '{letters}'" : "";

    private static HmmPriorModel? PriorModel(FitSpec spec)
    {
        if (spec.PriorModel is null)
        {
            return null;
        }

        var name = spec.PriorModelName ?? "the --prior-model";
        if (spec.Priors is not null)
        {
            throw new InvalidInputException(
                $"hmmlearn's priors (--startprob-prior …) and --prior-model {name} are two priors; give one of them.");
        }

        if (!(spec.PriorStrength >= 0) || !double.IsFinite(spec.PriorStrength))
        {
            throw new InvalidInputException(
                $"--prior-strength {spec.PriorStrength} must be a finite number ≥ 0 (0: no prior).");
        }

        if (ModelFile.Parse(spec.PriorModel, name) is not HmmParameters model)
        {
            throw new InvalidInputException($"{name} is not an HMM; give a \"kind\": \"hmm\" file.");
        }

        return spec.PriorStrength == 0 ? null : new HmmPriorModel(model, spec.PriorStrength, name);
    }
}
