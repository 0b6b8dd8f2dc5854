using AiMass.Kernels;
using AiMass.Kernels.Em;
using AiMass.Kernels.Init;
using AiMass.Kernels.Input;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Kernels.Priors;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Fitting;

/// <summary>
/// The M-step a mixture spec asks for: maximum likelihood, <c>--prior weak</c> (from the seeded initialisation
/// sample's mean and covariance), or <c>--prior-model saved.json --prior-strength τ</c> (τ = 0 is maximum likelihood
/// itself, so the fit equals the plain one bit for bit).
/// </summary>
internal static class MixturePriors
{
    /// <summary>The saved prior model of <paramref name="spec"/>, or null; checked against the data's columns.
    /// </summary>
    public static GaussianMixtureParameters? SavedModel(FitSpec spec, int features)
    {
        if (spec.PriorModel is null)
        {
            return null;
        }

        var name = spec.PriorModelName ?? "the --prior-model";
        if (spec.Prior is not null)
        {
            throw new InvalidInputException(
                $"--prior {Excerpt.Of(spec.Prior)} and --prior-model {name} are two priors; give one of them.");
        }

        if (!(spec.PriorStrength >= 0) || !double.IsFinite(spec.PriorStrength))
        {
            throw new InvalidInputException(
                $"--prior-strength {spec.PriorStrength} must be a finite number ≥ 0 (0: no prior).");
        }

        if (ModelFile.Parse(spec.PriorModel, name) is not GaussianMixtureParameters model)
        {
            throw new InvalidInputException($"{name} is not a Gaussian-mixture model; give a \"kind\": \"gmm\" file.");
        }

        if (model.Features != features)
        {
            throw new InvalidInputException(
                $"{name} has {model.Features} features but the data have {features} columns; give a prior model " +
                "fitted on data with the same columns.");
        }

        return model;
    }

    /// <summary>
    /// The M-step for <paramref name="type"/> and <paramref name="components"/>; <paramref name="sample"/> is drawn
    /// only for a weak prior.
    /// </summary>
    public static IEmModel Model(
        FitSpec spec, GaussianMixtureParameters? saved, CovarianceType type, int components, Func<RowSample> sample)
    {
        if (saved is not null)
        {
            if (saved.CovarianceType != type || saved.Components != components)
            {
                throw new InvalidInputException(
                    $"{spec.PriorModelName} has K={saved.Components} {saved.CovarianceType.Name()} covariances but " +
                    $"the fit has K={components} {type.Name()}; give a prior model of the fit's shape.");
            }

            return spec.PriorStrength == 0
                ? new GaussianMixtureMStep(spec.RegCovar)
                : new MapGaussianMixtureMStep(
                    MixturePrior.FromModel(saved, spec.PriorStrength, spec.PriorModelName ?? "prior"), spec.RegCovar);
        }

        return spec.Prior?.Trim().ToLowerInvariant() switch
        {
            null or "none" => new GaussianMixtureMStep(spec.RegCovar),
            "weak" => Weak(type, components, sample(), spec.RegCovar),
            _ => throw new InvalidInputException(
                $"--prior {Excerpt.Of(spec.Prior)}: use weak (or --prior-model FILE for a saved model)."),
        };
    }

    private static MapGaussianMixtureMStep Weak(CovarianceType type, int components, RowSample sample, double reg)
    {
        var (mean, covariance) = Moments(sample);
        return new MapGaussianMixtureMStep(MixturePrior.Weak(type, components, mean, covariance), reg);
    }

    /// <summary>The weighted mean <c>[D]</c> and covariance <c>[D × D]</c> (divided by Σw) of the sample.</summary>
    public static (double[] Mean, double[] Covariance) Moments(RowSample sample)
    {
        var d = sample.Features;
        var mean = new double[d];
        var total = 0.0;
        for (var i = 0; i < sample.Count; i++)
        {
            total += sample.Weights[i];
            for (var j = 0; j < d; j++)
            {
                mean[j] += sample.Weights[i] * sample.Row(i)[j];
            }
        }

        for (var j = 0; j < d; j++)
        {
            mean[j] /= total;
        }

        var covariance = new double[d * d];
        for (var i = 0; i < sample.Count; i++)
        {
            var row = sample.Row(i);
            for (var a = 0; a < d; a++)
            {
                for (var b = 0; b < d; b++)
                {
                    covariance[(a * d) + b] += sample.Weights[i] * (row[a] - mean[a]) * (row[b] - mean[b]);
                }
            }
        }

        for (var j = 0; j < covariance.Length; j++)
        {
            covariance[j] /= total;
        }

        return (mean, covariance);
    }
}
