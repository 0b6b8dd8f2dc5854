using System.Diagnostics;
using System.Globalization;
using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;

namespace AiMass.Bench;

/// <summary>
/// <c>precision [--rows 200000] [--features 16] [--components 16] [--covariance full] [--tol 1e-7]
/// [--max-iter 1000] [--spread 3] [--runs 3] [--threads T] [--precisions auto,single,double]</c>: whole EM fits
/// of synthetic blobs (<see cref="BenchData"/>, the same initial model each time) on the cpu device, one per
/// <c>--precision</c>, each repeated <c>--runs</c> times; prints per precision the fastest run's seconds, its
/// iterations (float32 + float64 ones), the E-steps done (with the scoring pass; auto redoes an iteration when it
/// switches), whether it converged, and its final lower bound. The machine may be shared: the minimum of the runs
/// is the fair figure.
/// </summary>
public static class PrecisionCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var options = EStepCommand.Parse(args);
        int n = EStepCommand.Get(options, "rows", 200_000), d = EStepCommand.Get(options, "features", 16);
        int k = EStepCommand.Get(options, "components", 16), runs = EStepCommand.Get(options, "runs", 3);
        var type = CovarianceTypes.Parse(options.GetValueOrDefault("covariance", "full"));
        var tol = double.Parse(options.GetValueOrDefault("tol", "1e-7"), CultureInfo.InvariantCulture);
        var settings = new EmSettings(EStepCommand.Get(options, "max-iter", 1000), tol);
        var spread = double.Parse(options.GetValueOrDefault("spread", "3"), CultureInfo.InvariantCulture);
        var rows = BenchData.Rows(n, d, k, spread: spread);
        var initial = BenchData.Parameters(type, rows, d, k);
        var threads = EStepCommand.Get(options, "threads", 0);
        using var backend = EStepBackends.Create("cpu", new EStepOptions(Threads: threads));
        using var step = backend.Bind(new DataPartition(0, new ArrayRowSource(rows, d)));
        step.Compute(initial, EStepPrecision.Single, CancellationToken.None); // JIT, centre, resident tiles
        step.Compute(initial, EStepPrecision.Double, CancellationToken.None);
        Console.WriteLine($"{backend.Name}: {type.Name()} N={n} D={d} K={k} spread={spread} tol={tol} " +
            $"max_iter={settings.MaxIterations}, best of {runs} run(s)");
        foreach (var name in options.GetValueOrDefault("precisions", "auto,single,double").Split(','))
        {
            var precision = FitPrecisions.Parse(name);
            var best = Enumerable.Range(0, runs)
                .Select(_ => Fit(step, initial, settings with { Precision = precision }))
                .MinBy(r => r.Seconds)!;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{precision.Name(),-6} seconds={best.Seconds:F2} iterations={best.Iterations} " +
                $"(float32 {best.Float32}, float64 {best.Iterations - best.Float32}) e_steps={best.EStepCount} " +
                $"converged={best.Converged} lower_bound={best.LowerBound:R}"));
        }

        return 0;
    }

    private static Outcome Fit(IPartitionEStep step, GaussianMixtureParameters initial, EmSettings settings)
    {
        var fit = new EmFit(new GaussianMixtureMStep(), _ => initial, 1, settings);
        var watch = Stopwatch.StartNew();
        var eSteps = 0;
        while (fit.Phase != EmPhase.Done)
        {
            fit.Submit(step.Compute(fit.ParametersToEvaluate, fit.PrecisionToEvaluate, CancellationToken.None));
            eSteps++;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var result = fit.Result;
        var float32 = result.History.Count(r => r.Precision == EStepPrecision.Single);
        return new Outcome(seconds, result.Iterations, float32, eSteps, result.Converged, result.LowerBound);
    }

    private sealed record Outcome(
        double Seconds, int Iterations, int Float32, int EStepCount, bool Converged, double LowerBound);
}
