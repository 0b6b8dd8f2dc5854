using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Tests.Support;

namespace AiMass.Kernels.Tests.Mixture;

/// <summary>
/// --precision auto on the cpu device against --precision double and scikit-learn, on every scikit-learn fixture:
/// tol 1e-3, fixed iterations (tol 0), and the slowly converging overlap_* cases at tol 1e-7 and 1e-8.
/// </summary>
public sealed class AutoPrecisionFixtureTests
{
    public static TheoryData<string> Cases() => [.. SklearnCase.Names()];

    public static TheoryData<string> TightToleranceCases() =>
        [.. SklearnCase.Names().Where(n => SklearnCase.Load(n).Tolerance is > 0 and < 1e-3)];

    public static TheoryData<string> LooseToleranceCases() =>
        [.. SklearnCase.Names().Where(n => SklearnCase.Load(n).Tolerance is 0 or >= 1e-3)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Auto_takes_the_iterations_and_convergence_of_double_and_of_scikit_learn(string name)
    {
        var (auto, dbl, fixture) = FitBoth(name);
        using (fixture)
        {
            var root = fixture.Expected.RootElement;
            Assert.Equal(dbl.Iterations, auto.Iterations);
            Assert.Equal(dbl.Converged, auto.Converged);
            Assert.Equal(root.GetProperty("n_iter").GetInt32(), auto.Iterations);
            Assert.Equal(root.GetProperty("converged").GetBoolean(), auto.Converged);
        }
    }

    [Theory]
    [MemberData(nameof(TightToleranceCases))]
    public void At_tight_tolerances_auto_matches_double_to_1e9_in_the_lower_bound_and_1e6_in_the_parameters(
        string name)
    {
        var (auto, dbl, fixture) = FitBoth(name);
        using (fixture)
        {
            AssertClose(auto, dbl, boundTolerance: 1e-9, parameterTolerance: 1e-6);
            ScikitLearnFixtureTests.AssertMatches(fixture, auto, boundTolerance: 1e-9, parameterTolerance: 1e-6);
        }
    }

    [Theory]
    [MemberData(nameof(LooseToleranceCases))]
    public void At_tol_1e3_and_fixed_iterations_auto_is_as_close_to_double_as_the_fit_lets_float32_roundoff_be(
        string name)
    {
        // A float32 iteration's roundings are amplified along the rest of the fit as much as the fixture's
        // init_roundoff_sensitivity shows for a 4·ε change: up to ~250 times (breast_cancer_tied), so a run that
        // stops a few iterations after its float32 part ends can differ from double by more than 1e-6.
        var (auto, dbl, fixture) = FitBoth(name);
        using (fixture)
        {
            AssertClose(auto, dbl, fixture.Float32Tolerance(1e-9), fixture.Float32Tolerance(1e-6));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Auto_runs_float32_first_then_float64_to_the_end_and_redoes_at_most_one_iteration(string name)
    {
        using var fixture = SklearnCase.Load(name);
        using var backend = EStepBackends.Create("cpu");
        using var eStep = backend.Bind(fixture.Partition);
        var (result, steps) = fixture.Fit(eStep, FitPrecision.Auto);

        var precisions = result.History.Select(r => r.Precision).ToArray();
        var float32 = precisions.TakeWhile(p => p == EStepPrecision.Single).Count();
        Assert.All(precisions.Skip(float32), p => Assert.Equal(EStepPrecision.Double, p));
        Assert.Equal(EStepPrecision.Double, precisions[^1]);
        Assert.True(float32 >= 1, "the first iteration's change is infinite: it runs in float32");
        // n_iter E-steps, the scoring pass, and the two discarded ones when float32 changes stopped being trusted.
        Assert.True(steps == result.Iterations + 1 || steps == result.Iterations + 3, $"{steps} E-steps");
    }

    private static (FitResult Auto, FitResult Double, SklearnCase Fixture) FitBoth(string name)
    {
        var fixture = SklearnCase.Load(name);
        using var backend = EStepBackends.Create("cpu");
        using var eStep = backend.Bind(fixture.Partition);
        return (fixture.Fit(eStep, FitPrecision.Auto).Result, fixture.Fit(eStep, FitPrecision.Double).Result,
            fixture);
    }

    private static void AssertClose(FitResult auto, FitResult dbl, double boundTolerance, double parameterTolerance)
    {
        Compare.Close("lower_bound", auto.LowerBound, dbl.LowerBound, boundTolerance);
        var (a, b) = ((GaussianMixtureParameters)auto.Parameters, (GaussianMixtureParameters)dbl.Parameters);
        Compare.Close("weights", a.Weights.AsSpan(), b.Weights.AsSpan(), parameterTolerance);
        Compare.Close("means", a.Means.AsSpan(), b.Means.AsSpan(), parameterTolerance);
        Compare.Close("covariances", a.Covariances.AsSpan(), b.Covariances.AsSpan(), parameterTolerance);
    }
}
