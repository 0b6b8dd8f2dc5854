using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;

namespace AiMass.Kernels.Tests.Em;

/// <summary>
/// The precision state machine of <see cref="EmRun"/> and <see cref="EmFit"/>, driven with scripted lower bounds
/// (tol 1e-3, so auto's threshold is G = max(16·ε₃₂·max(1, |L|), 2·tol) = 2e-3 for |L| ≈ 5).
/// </summary>
public sealed class AutoPrecisionRunTests
{
    private const double Tol = 1e-3;

    [Fact]
    public void Auto_rolls_back_when_a_float32_change_cannot_rule_out_convergence_and_finishes_in_float64()
    {
        var run = new EmRun(new Model(), new Parameters(0), new EmSettings(100, Tol, FitPrecision.Auto));

        Assert.Equal(EStepPrecision.Single, run.Precision);
        Assert.NotNull(run.Advance(Bound(-10)));
        Assert.Equal(EStepPrecision.Single, run.Precision);
        Assert.NotNull(run.Advance(Bound(-5)));
        Assert.Equal(2, Id(run.Parameters));

        Assert.Null(run.Advance(Bound(-4.999))); // change 1e-3 ≤ G = 2e-3
        var rollback = run.LastRollback!;
        Assert.Equal((3, 2, 2e-3), (rollback.Iteration, rollback.RedoneFrom, rollback.Threshold));
        Assert.Equal(1e-3, rollback.Change, 1e-12);
        Assert.Equal(1, run.Iteration);
        Assert.Equal(1, Id(run.Parameters)); // the input of iteration 2, which is redone
        Assert.Equal(EStepPrecision.Double, run.Precision);

        var redone = run.Advance(Bound(-5.0000001))!;
        Assert.Equal((2, EStepPrecision.Double, false), (redone.Iteration, redone.Precision, run.Converged));
        var last = run.Advance(Bound(-4.9995))!;
        Assert.True(run.Converged);
        Assert.Equal(3, last.Iteration);
        Assert.Equal(
            [EStepPrecision.Single, EStepPrecision.Double, EStepPrecision.Double],
            run.History.Select(r => r.Precision));
    }

    [Fact]
    public void A_float32_change_far_above_the_threshold_keeps_float32()
    {
        var run = new EmRun(new Model(), new Parameters(0), new EmSettings(100, Tol, FitPrecision.Auto));
        foreach (var bound in new[] { -10.0, -6, -5.5, -5.49 })
        {
            Assert.NotNull(run.Advance(Bound(bound)));
        }

        Assert.All(run.History, r => Assert.Equal(EStepPrecision.Single, r.Precision));
        Assert.Equal(EStepPrecision.Single, run.Precision);
        Assert.False(run.Converged);
    }

    [Fact]
    public void The_last_two_iterations_before_max_iter_run_in_float64()
    {
        var run = new EmRun(new Model(), new Parameters(0), new EmSettings(4, Tol, FitPrecision.Auto));
        foreach (var bound in new[] { -10.0, -8, -6, -4 })
        {
            Assert.NotNull(run.Advance(Bound(bound)));
        }

        Assert.Equal(
            [EStepPrecision.Single, EStepPrecision.Single, EStepPrecision.Double, EStepPrecision.Double],
            run.History.Select(r => r.Precision));
        Assert.True(run.IsFinished);
        Assert.False(run.Converged);
    }

    [Fact]
    public void A_small_change_at_the_planned_switch_also_redoes_the_float32_iteration_before_it()
    {
        var run = new EmRun(new Model(), new Parameters(0), new EmSettings(4, Tol, FitPrecision.Auto));
        run.Advance(Bound(-10));
        run.Advance(Bound(-8));
        Assert.Equal(EStepPrecision.Double, run.Precision);
        Assert.Null(run.Advance(Bound(-7.9985))); // float64 against a float32 bound, 1.5e-3 ≤ G
        Assert.Equal((1, 1), (run.Iteration, Id(run.Parameters)));
        Assert.Equal(EStepPrecision.Double, run.Precision);
    }

    [Theory]
    [InlineData(FitPrecision.Single, EStepPrecision.Single)]
    [InlineData(FitPrecision.Double, EStepPrecision.Double)]
    public void Single_and_double_never_switch_nor_roll_back(FitPrecision precision, EStepPrecision expected)
    {
        var run = new EmRun(new Model(), new Parameters(0), new EmSettings(5, Tol, precision));
        foreach (var bound in new[] { -10.0, -5, -4.9995 })
        {
            Assert.Equal(expected, run.Precision);
            Assert.NotNull(run.Advance(Bound(bound)));
        }

        Assert.True(run.Converged);
        Assert.All(run.History, r => Assert.Equal(expected, r.Precision));
    }

    [Theory]
    [InlineData(FitPrecision.Auto, EStepPrecision.Double)]
    [InlineData(FitPrecision.Single, EStepPrecision.Single)]
    [InlineData(FitPrecision.Double, EStepPrecision.Double)]
    public void The_scoring_pass_runs_in_float32_only_for_single(FitPrecision precision, EStepPrecision expected)
    {
        var fit = new EmFit(new Model(), i => new Parameters(0), 1, new EmSettings(1, Tol, precision));
        fit.Submit(Bound(-3));
        Assert.Equal(EmPhase.Scoring, fit.Phase);
        Assert.Equal(expected, fit.PrecisionToEvaluate);
    }

    [Fact]
    public void A_fit_restored_from_a_snapshot_after_a_rollback_continues_exactly()
    {
        double[] bounds = [-10, -5, -4.999, -5.0000001, -4.9995];
        var settings = new EmSettings(100, Tol, FitPrecision.Auto);
        var original = new EmFit(new Model(), _ => new Parameters(0), 1, settings);
        foreach (var bound in bounds[..3])
        {
            original.Submit(Bound(bound));
        }

        Assert.NotNull(original.LastRollback);
        var restored = EmFit.Restore(new Model(), _ => new Parameters(0), 1, settings, original.Snapshot());
        foreach (var bound in bounds[3..])
        {
            Assert.Equal(original.PrecisionToEvaluate, restored.PrecisionToEvaluate);
            Assert.Equal(Id(original.ParametersToEvaluate), Id(restored.ParametersToEvaluate));
            var expected = original.Submit(Bound(bound))!;
            var actual = restored.Submit(Bound(bound))!;
            Assert.Equal(expected, actual with { Milliseconds = expected.Milliseconds });
        }

        Assert.Equal(EmPhase.Scoring, restored.Phase);
    }

    private static int Id(ModelParameters parameters) => ((Parameters)parameters).Id;

    private static Statistics Bound(double lowerBound) => new(lowerBound);

    private sealed class Parameters(int id) : ModelParameters
    {
        public int Id { get; } = id;

        public override int Features => 1;

        public override long FreeParameterCount => 1;
    }

    private sealed class Statistics(double logLikelihood) : SufficientStatistics
    {
        public override double LogLikelihood => logLikelihood;

        public override double Weight => 1;

        public override long Rows => 1;

        public override StatisticsLayout Layout =>
            throw new NotSupportedException("Scripted statistics are not summed.");

        public override SufficientStatistics Add(SufficientStatistics other) =>
            throw new NotSupportedException("Scripted statistics are not added.");
    }

    private sealed class Model : IEmModel
    {
        public ModelParameters MStep(SufficientStatistics total, ModelParameters previous) =>
            new Parameters(((Parameters)previous).Id + 1);
    }
}
