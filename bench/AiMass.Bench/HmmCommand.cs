using System.Diagnostics;
using System.Globalization;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Hmm;

namespace AiMass.Bench;

/// <summary>
/// <c>hmm --sequences 100 --length 1000 --states 16 --features 8 --emission gaussian --covariance diag
/// --iterations 5 [--precision single|double] [--threads T] [--device cpu|reference] [--save DIR]</c>: times
/// Baum-Welch iterations on synthetic sequences and prints ms per E-step (median and best, over the same
/// parameters) and ms per whole iteration (E-step + M-step, the parameters updated each time, as a fit runs),
/// each with the process CPU time per iteration (on a busy machine, cpu_ms ÷ threads approximates the wall time
/// on an idle one). <c>--save</c> also writes the data and initial model for <c>reference/pomegranate_hmm.py</c>.
/// </summary>
public static class HmmCommand
{
    private const int WarmUpIterations = 5;

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var options = EStepCommand.Parse(args);
        int sequences = EStepCommand.Get(options, "sequences", 100), length = EStepCommand.Get(options, "length", 1000);
        int states = EStepCommand.Get(options, "states", 16), features = EStepCommand.Get(options, "features", 8);
        var iterations = EStepCommand.Get(options, "iterations", 5);
        var emission = HmmEmissions.Parse(
            options.GetValueOrDefault("emission", "gaussian"), options.GetValueOrDefault("covariance", "diag"));
        var precision = BenchPrecision.Parse(options.GetValueOrDefault("precision", "single"));
        var device = options.GetValueOrDefault("device", "cpu");
        var (partition, initial) = HmmBenchData.Create(emission, sequences, length, states, features);
        if (options.TryGetValue("save", out var directory))
        {
            HmmBenchData.Save(directory, partition, initial);
        }

        var threads = EStepCommand.Get(options, "threads", 0);
        using var backend = EStepBackends.Create(device, new EStepOptions(precision, threads));
        using var step = backend.Bind(partition);
        // Warm-up: JIT and tiering (the vector exp starts as unoptimised code), the partition centre, buffers.
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < WarmUpIterations; i++)
        {
            step.Compute(initial, CancellationToken.None);
        }

        Console.WriteLine($"{backend.Name}: {emission} S={states} D={features} {sequences}×{length} steps; " +
            $"warm-up {WarmUpIterations} E-steps {warm.Elapsed.TotalMilliseconds:F1} ms");

        var (eTimes, eCpu) = Time(iterations, () => step.Compute(initial, CancellationToken.None));
        var mStep = new HmmMStep();
        var parameters = initial;
        var (emTimes, emCpu) = Time(iterations, () =>
            parameters = mStep.Estimate((HmmStatistics)step.Compute(parameters, CancellationToken.None), parameters));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"estep ms/iter={Median(eTimes):F2} best={eTimes.Min():F2} cpu_ms/iter={eCpu:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"baum-welch (E+M) ms/iter={Median(emTimes):F2} best={emTimes.Min():F2} cpu_ms/iter={emCpu:F2}"));
        return 0;
    }

    /// <summary>Wall times (ms) of <paramref name="iterations"/> calls and the process CPU ms per call.</summary>
    private static (List<double> Times, double CpuPerIteration) Time(int iterations, Action action)
    {
        var times = new List<double>();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        for (var i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        process.Refresh();
        return (times, (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
