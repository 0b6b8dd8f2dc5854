using AiMass.Coordinator.Fitting;
using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Seed.Inference;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Inference;

/// <summary>
/// Plans an inference job (<c>aimass submit predict|score|decode</c>): one pass in which every partition applies the
/// saved model to its rows and writes them (<see cref="InferenceRequest"/>), then <see cref="InferenceModel"/> on the
/// coordinator. It runs through the same <see cref="EmFit"/>, step protocol and serializer as a fit.
/// </summary>
public static class InferencePlanner
{
    /// <summary>The inference kinds.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["predict", "score", "decode"];

    /// <summary>Plans <paramref name="spec"/> over <paramref name="data"/>.</summary>
    public static FitPlan Plan(FitSpec spec, IRowSource data)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        var kind = spec.Kind!.Trim().ToLowerInvariant();
        var task = InferenceTasks.Parse(kind, spec.Proba, spec.Algorithm);
        var name = spec.InitModelName ?? "the --model";
        var model = spec.InitModel is null
            ? throw new InvalidInputException($"{kind} needs --model FILE.")
            : ModelFile.Parse(spec.InitModel, name);
        Check(kind, model, data, name);
        if ((spec.Output is null) == (spec.OutputDir is null))
        {
            throw new InvalidInputException(
                $"{kind} on the cluster writes its outputs: give --output FILE (.npy or .csv) or --output-dir FOLDER " +
                "(one .npy per partition and manifest.json), not both.");
        }

        var folder = spec.OutputDir ?? spec.Output + ".parts";
        OutputFolder.Check(folder, null);
        var request = new InferenceRequest(task, model, Path.GetFullPath(folder));
        return new FitPlan(
            spec, new InferenceModel(spec.Output, spec.OutputDir), new EmSettings(1, 0), _ => request, 1,
            $"{kind} under {name} ({Describe(model)}) into {spec.Output ?? spec.OutputDir}");
    }

    private static void Check(string kind, ModelParameters model, IRowSource data, string name)
    {
        switch (model)
        {
            case GaussianMixtureParameters gmm when kind != "decode":
                GaussianMixtureScorer.CheckFeatures(data, gmm);
                break;
            case HmmParameters when kind != "predict":
                break;
            case GaussianMixtureParameters:
                throw new InvalidInputException("decode takes an HMM model; use predict for Gaussian mixtures.");
            default:
                throw new InvalidInputException(
                    $"predict takes a Gaussian-mixture model ({name} is an HMM); use decode.");
        }
    }

    private static string Describe(ModelParameters model) => model switch
    {
        GaussianMixtureParameters g => $"gmm K={g.Components} {g.CovarianceType.Name()}",
        HmmParameters h => HmmPlanner.Describe(h),
        _ => model.GetType().Name,
    };
}
