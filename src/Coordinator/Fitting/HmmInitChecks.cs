using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Fitting;

/// <summary>
/// An HMM <c>--init</c> model checked against the options and the data: kind, emission, covariance type, states,
/// columns (Gaussian D) or symbols (every symbol in the data below the model's M).
/// </summary>
internal static class HmmInitChecks
{
    /// <summary>The init model of <paramref name="spec"/>, or an <see cref="InvalidInputException"/> naming the
    /// mismatch and the remedy.</summary>
    public static HmmParameters Check(FitSpec spec, IRowSource data, bool categorical)
    {
        var name = spec.InitModelName ?? "the --init model";
        if (ModelFile.Parse(spec.InitModel!, name) is not HmmParameters initial)
        {
            throw new InvalidInputException($"{name} is not an HMM; give a \"kind\": \"hmm\" file.");
        }

        var isCategorical = initial.Emission == HmmEmission.Categorical;
        if (categorical != isCategorical)
        {
            throw new InvalidInputException(
                $"--emission {(categorical ? "categorical" : "gaussian")} differs from {name}'s " +
                $"{initial.Emission.Name()} emissions; drop --emission or fix it.");
        }

        if (spec.Components != 0 && spec.Components != initial.States)
        {
            throw new InvalidInputException(
                $"--states {spec.Components} differs from the {initial.States} states of {name}; " +
                "drop --states or fix it.");
        }

        if (spec.NInit > 1)
        {
            throw new InvalidInputException(
                $"--n-init {spec.NInit} has no effect with --init (every run would start from the same model); " +
                "drop one of them.");
        }

        if (isCategorical)
        {
            CheckSymbols(spec, data, initial, name);
        }
        else
        {
            CheckGaussian(spec, data, initial, name);
        }

        return initial;
    }

    private static void CheckGaussian(FitSpec spec, IRowSource data, HmmParameters initial, string name)
    {
        if (spec.CovarianceType is { } given && CovarianceTypes.Parse(given) != initial.Emission.CovarianceType())
        {
            throw new InvalidInputException(
                $"--covariance {given} differs from {name}'s {initial.Emission.CovarianceType().Name()} covariances.");
        }

        if (initial.Features != data.Features)
        {
            throw new InvalidInputException(
                $"{name} has {initial.Features} features but {data.Name} has {data.Features} columns; " +
                "give a model fitted on data with the same columns.");
        }
    }

    private static void CheckSymbols(FitSpec spec, IRowSource data, HmmParameters initial, string name)
    {
        if (spec.CovarianceType is { } given)
        {
            throw new InvalidInputException(
                $"--covariance {given} applies to gaussian emissions only; {name} is categorical.");
        }

        var symbols = CategoricalSymbols.Count(data);
        if (symbols > initial.Symbols)
        {
            throw new InvalidInputException(
                $"{data.Name} holds symbol {symbols - 1} but {name} has M={initial.Symbols} symbols " +
                $"(0..{initial.Symbols - 1}); give a model with at least {symbols} symbols.");
        }
    }
}
