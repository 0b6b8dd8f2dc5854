using System.Text.Json;
using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Kernels.Tests.Support;

namespace AiMass.Kernels.Tests.Mixture;

/// <summary>
/// The EM engine against scikit-learn 1.2.1 (tests/fixtures/gmm, made by make_gmm_fixtures.py): the same initial
/// model must give the same parameters, lower bound, iteration count and convergence flag. The issue asks for
/// 1e-6 relative; measured agreement is better than 1e-9, so the tests hold 1e-8.
/// </summary>
public sealed class ScikitLearnFixtureTests
{
    /// <summary>scikit-learn's diag/spherical/tied M-step squares raw values: at a 1e4 offset it loses ~8 digits,
    /// so those cases are compared with the fixture's fit on centred data instead.</summary>
    private static readonly HashSet<string> InaccurateReference =
        ["offset_blobs_diag", "offset_blobs_spherical", "offset_blobs_tied"];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        using var cases = JsonDocument.Parse(File.ReadAllText(TestData.Fixture("gmm", "cases.json")));
        foreach (var c in cases.RootElement.EnumerateArray())
        {
            data.Add(c.GetProperty("case").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_fit_from_the_same_initial_model_matches_scikit_learn(string name)
    {
        var (result, expected) = FitCase(name);
        using (expected)
        {
            var root = expected.RootElement;
            var reference = InaccurateReference.Contains(name)
                ? root.GetProperty("fixture").GetProperty("centered_fit")
                : root;
            Assert.Equal(reference.GetProperty("n_iter").GetInt32(), result.Iterations);
            Assert.Equal(reference.GetProperty("converged").GetBoolean(), result.Converged);
            Compare.Close("lower_bound", result.LowerBound, reference.GetProperty("lower_bound").GetDouble(), 1e-8);

            var fitted = (GaussianMixtureParameters)result.Parameters;
            var file = $"{name}/expected.json";
            var want = GaussianMixtureModelFile.Read(WithParametersOf(root, reference), file);
            Compare.Close("weights", fitted.Weights.AsSpan(), want.Weights.AsSpan(), 1e-8);
            Compare.Close("means", fitted.Means.AsSpan(), want.Means.AsSpan(), 1e-8);
            Compare.Close("covariances", fitted.Covariances.AsSpan(), want.Covariances.AsSpan(), 1e-8);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_fitted_model_scores_and_criteria_match_scikit_learn(string name)
    {
        if (InaccurateReference.Contains(name))
        {
            return; // score/BIC/AIC of these cases carry scikit-learn's cancellation error; the fit test covers them.
        }

        var (result, expected) = FitCase(name);
        using (expected)
        {
            var root = expected.RootElement;
            Compare.Close("score", result.LogLikelihood / result.Weight, root.GetProperty("score").GetDouble(), 1e-8);
            Compare.Close("bic", result.Bic, root.GetProperty("bic").GetDouble(), 1e-8);
            Compare.Close("aic", result.Aic, root.GetProperty("aic").GetDouble(), 1e-8);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_default_float32_cpu_path_matches_scikit_learn_within_the_products_stated_tolerance(string name)
    {
        // The acceptance check asks 1e-5 (lower bound) and 1e-3 (parameters) of the default device; measured over
        // the 30 cases: at most 3.6e-7 and 8.7e-6, so the test holds 1e-6 and 1e-4.
        using var backend = EStepBackends.Create("cpu");
        var (result, expected) = FitCase(name, backend);
        using (expected)
        {
            AssertMatches(name, result, expected.RootElement, boundTolerance: 1e-6, parameterTolerance: 1e-4);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_float64_cpu_path_matches_scikit_learn_as_closely_as_the_reference(string name)
    {
        using var backend = EStepBackends.Create("cpu", new EStepOptions(EStepPrecision.Double));
        var (result, expected) = FitCase(name, backend);
        using (expected)
        {
            AssertMatches(name, result, expected.RootElement, boundTolerance: 1e-8, parameterTolerance: 1e-8);
        }
    }

    private static void AssertMatches(
        string name, FitResult result, JsonElement root, double boundTolerance, double parameterTolerance)
    {
        var reference = InaccurateReference.Contains(name)
            ? root.GetProperty("fixture").GetProperty("centered_fit")
            : root;
        Assert.Equal(reference.GetProperty("n_iter").GetInt32(), result.Iterations);
        Assert.Equal(reference.GetProperty("converged").GetBoolean(), result.Converged);
        Compare.Close(
            "lower_bound", result.LowerBound, reference.GetProperty("lower_bound").GetDouble(), boundTolerance);
        var fitted = (GaussianMixtureParameters)result.Parameters;
        var want = GaussianMixtureModelFile.Read(WithParametersOf(root, reference), $"{name}/expected.json");
        Compare.Close("weights", fitted.Weights.AsSpan(), want.Weights.AsSpan(), parameterTolerance);
        Compare.Close("means", fitted.Means.AsSpan(), want.Means.AsSpan(), parameterTolerance);
        Compare.Close("covariances", fitted.Covariances.AsSpan(), want.Covariances.AsSpan(), parameterTolerance);
    }

    private static (FitResult Result, JsonDocument Expected) FitCase(string name, IEStepBackend backend)
    {
        var (partition, expected, fit) = Prepare(name);
        using var eStep = backend.Bind(partition);
        while (fit.Phase != EmPhase.Done)
        {
            fit.Submit(eStep.Compute(fit.ParametersToEvaluate, CancellationToken.None));
        }

        return (fit.Result, expected);
    }

    private static (FitResult Result, JsonDocument Expected) FitCase(string name)
    {
        var (partition, expected, fit) = Prepare(name);
        while (fit.Phase != EmPhase.Done)
        {
            var gmm = (GaussianMixtureParameters)fit.ParametersToEvaluate;
            fit.Submit(ReferenceGaussianMixtureEStep.Compute(partition, gmm, CancellationToken.None));
        }

        return (fit.Result, expected);
    }

    private static (DataPartition Partition, JsonDocument Expected, EmFit Fit) Prepare(string name)
    {
        var dir = TestData.Fixture("gmm", name);
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")));
        var fixture = expected.RootElement.GetProperty("fixture");
        var (x, _, d) = TestData.ReadNpy(Path.Combine(dir, "X.npy"));
        var weightsPath = Path.Combine(dir, "weights.npy");
        IRowSource? weights = File.Exists(weightsPath)
            ? new ArrayRowSource(TestData.ReadNpy(weightsPath).Values, 1)
            : null;
        var partition = new DataPartition(0, new ArrayRowSource(x, d), weights);
        var initial = ModelFile.Load(Path.Combine(dir, "init.json"));
        var model = new GaussianMixtureMStep(fixture.GetProperty("reg_covar").GetDouble());
        var settings = new EmSettings(
            fixture.GetProperty("max_iter").GetInt32(), fixture.GetProperty("tol").GetDouble());
        return (partition, expected, new EmFit(model, _ => initial, 1, settings));
    }

    /// <summary>
    /// A model-file element with the top-level shape fields and <paramref name="source"/>'s parameters.
    /// </summary>
    private static JsonElement WithParametersOf(JsonElement root, JsonElement source)
    {
        var merged = new Dictionary<string, JsonElement>();
        foreach (var p in root.EnumerateObject())
        {
            merged[p.Name] = p.Value;
        }

        foreach (var name in new[] { "weights", "means", "covariances" })
        {
            merged[name] = source.GetProperty(name);
        }

        return JsonSerializer.SerializeToElement(merged);
    }
}
