using System.Text.Json;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Kernels.Tests.Support;

namespace AiMass.Kernels.Tests.Mixture;

/// <summary>
/// The EM engine against scikit-learn 1.2.1 (tests/fixtures/gmm, made by make_gmm_fixtures.py): the same initial
/// model must give the same parameters, lower bound, iteration count and convergence flag. The issue asks for
/// 1e-6 relative; measured agreement is better than 1e-9, so the tests hold 1e-8 — except where scikit-learn
/// itself is less accurate than that: on offset_blobs its raw second moments lose digits at the 1e4 offset, and
/// the fixture records by how much (fixture.translation_check); those cases allow four times that.
/// </summary>
public sealed class ScikitLearnFixtureTests
{
    public static TheoryData<string> Cases() => [.. SklearnCase.Names()];

    /// <summary>Cases at tol 1e-3 or fixed iterations: where float32 arithmetic stops where float64 does.</summary>
    public static TheoryData<string> LooseToleranceCases() =>
        [.. SklearnCase.Names().Where(n => SklearnCase.Load(n).Tolerance is 0 or >= 1e-3)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_fit_from_the_same_initial_model_matches_scikit_learn(string name)
    {
        using var fixture = SklearnCase.Load(name);
        var (result, _) = fixture.Fit(eStep: null, FitPrecision.Double);
        AssertMatches(fixture, result, boundTolerance: 1e-8, parameterTolerance: 1e-8);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_fitted_model_scores_and_criteria_match_scikit_learn(string name)
    {
        using var fixture = SklearnCase.Load(name);
        var (result, _) = fixture.Fit(eStep: null, FitPrecision.Double);
        var root = fixture.Expected.RootElement;
        var score = root.GetProperty("score").GetDouble();
        // scikit-learn's own score carries its cancellation error (diag/spherical E-step) on offset_blobs.
        var tolerance = Math.Max(1e-8, 4 * Cancellation(fixture, "lower_bound_abs") / Math.Abs(score));
        Compare.Close("score", result.LogLikelihood / result.Weight, score, tolerance);
        Compare.Close("bic", result.Bic, root.GetProperty("bic").GetDouble(), tolerance);
        Compare.Close("aic", result.Aic, root.GetProperty("aic").GetDouble(), tolerance);
    }

    [Theory]
    [MemberData(nameof(LooseToleranceCases))]
    public void The_float32_cpu_path_matches_scikit_learn_within_the_products_stated_tolerance(string name)
    {
        // The acceptance check asks 1e-5 (lower bound) and 1e-3 (parameters) of float32; measured over these cases:
        // at most 3.6e-7 and 8.7e-6, so the test holds 1e-6 and 1e-4. At tol 1e-7 and below float32 noise in the
        // change stops runs early (docs/CLI.md): --precision single is not meant for those, auto is.
        using var fixture = SklearnCase.Load(name);
        using var backend = EStepBackends.Create("cpu");
        using var eStep = backend.Bind(fixture.Partition);
        var (result, _) = fixture.Fit(eStep, FitPrecision.Single);
        AssertMatches(fixture, result, boundTolerance: 1e-6, parameterTolerance: 1e-4);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_float64_cpu_path_matches_scikit_learn_as_closely_as_the_reference(string name)
    {
        using var fixture = SklearnCase.Load(name);
        using var backend = EStepBackends.Create("cpu");
        using var eStep = backend.Bind(fixture.Partition);
        var (result, _) = fixture.Fit(eStep, FitPrecision.Double);
        AssertMatches(fixture, result, boundTolerance: 1e-8, parameterTolerance: 1e-8);
    }

    /// <summary>Iterations, convergence, lower bound and parameters against scikit-learn's own fit; tolerances at
    /// least four times scikit-learn's recorded cancellation error.</summary>
    internal static void AssertMatches(
        SklearnCase fixture, FitResult result, double boundTolerance, double parameterTolerance)
    {
        var root = fixture.Expected.RootElement;
        Assert.Equal(root.GetProperty("n_iter").GetInt32(), result.Iterations);
        Assert.Equal(root.GetProperty("converged").GetBoolean(), result.Converged);
        var bound = root.GetProperty("lower_bound").GetDouble();
        Compare.Close("lower_bound", result.LowerBound, bound,
            Math.Max(boundTolerance, 4 * Cancellation(fixture, "lower_bound_abs") / Math.Abs(bound)));
        var fitted = (GaussianMixtureParameters)result.Parameters;
        var want = GaussianMixtureModelFile.Read(root, $"{fixture.Name}/expected.json");
        var meanScale = want.Means.Max(Math.Abs);
        Compare.Close("weights", fitted.Weights.AsSpan(), want.Weights.AsSpan(),
            Math.Max(parameterTolerance, 4 * Cancellation(fixture, "weights")));
        Compare.Close("means", fitted.Means.AsSpan(), want.Means.AsSpan(),
            Math.Max(parameterTolerance, 4 * Cancellation(fixture, "means_abs") / meanScale));
        Compare.Close("covariances", fitted.Covariances.AsSpan(), want.Covariances.AsSpan(),
            Math.Max(parameterTolerance, 4 * Cancellation(fixture, "covariances")));
    }

    /// <summary>scikit-learn's own error on a case (fixture.translation_check: its fit on the data moved by −1e4,
    /// moved back, against its fit on the data); 0 where the fixture has no such check.</summary>
    private static double Cancellation(SklearnCase fixture, string field) =>
        fixture.Fixture.TryGetProperty("translation_check", out JsonElement check)
            ? check.GetProperty(field).GetDouble()
            : 0;
}
