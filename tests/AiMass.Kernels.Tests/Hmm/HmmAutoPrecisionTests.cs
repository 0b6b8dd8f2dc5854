using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Hmm;
using Xunit.Abstractions;

namespace AiMass.Kernels.Tests.Hmm;

/// <summary>--precision auto for HMMs on the cpu device: the iterations, convergence and model of double at a
/// tight tolerance, float32 first and float64 to the end.</summary>
public sealed class HmmAutoPrecisionTests(ITestOutputHelper output)
{
    public static TheoryData<HmmEmission> Kinds =>
        [HmmEmission.GaussianFull, HmmEmission.GaussianDiag, HmmEmission.Categorical];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void At_tol_1e8_auto_matches_double(HmmEmission kind)
    {
        var truth = kind == HmmEmission.Categorical ? TestModels.Categorical() : TestModels.Gaussian(kind);
        var partition = TestModels.Partition(truth, [400, 300, 500, 350], seed: 41);
        using var backend = EStepBackends.Create("cpu");
        using var eStep = backend.Bind(partition);

        var (auto, autoSteps) = Fit(eStep, TestModels.Perturbed(kind), FitPrecision.Auto);
        var (dbl, _) = Fit(eStep, TestModels.Perturbed(kind), FitPrecision.Double);

        Assert.True(dbl.Converged);
        Assert.Equal(dbl.Iterations, auto.Iterations);
        Assert.Equal(dbl.Converged, auto.Converged);
        Assertions.Close([dbl.LowerBound], [auto.LowerBound], 1e-9, "lower bound");
        Assertions.SameModel((HmmParameters)dbl.Parameters, (HmmParameters)auto.Parameters, 1e-6, 1e-12);
        var float32 = auto.History.TakeWhile(r => r.Precision == EStepPrecision.Single).Count();
        Assert.InRange(float32, 1, auto.Iterations - 1);
        Assert.All(auto.History.Skip(float32), r => Assert.Equal(EStepPrecision.Double, r.Precision));
        output.WriteLine($"{kind}: {auto.Iterations} iterations ({float32} float32), {autoSteps} E-steps");
    }

    private static (FitResult Result, int Steps) Fit(
        IPartitionEStep eStep, HmmParameters initial, FitPrecision precision)
    {
        var fit = new EmFit(new HmmMStep(), _ => initial, 1, new EmSettings(1000, 1e-8, precision));
        var steps = 0;
        while (fit.Phase != EmPhase.Done)
        {
            fit.Submit(eStep.Compute(fit.ParametersToEvaluate, fit.PrecisionToEvaluate, CancellationToken.None));
            steps++;
        }

        return (fit.Result, steps);
    }
}
