using AiMass.Bench;
using BenchmarkDotNet.Running;

// estep ... / hmm ... / precision ...: the plain timings the side-by-side scripts call; peak: the fp32 FMA peak;
// scale: the cluster simulation (docs/SCALING.md);
// anything else: BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    "estep" => EStepCommand.Run(args[1..]),
    "hmm" => HmmCommand.Run(args[1..]),
    "resident" => ResidentCommand.Run(args[1..]),
    "precision" => PrecisionCommand.Run(args[1..]),
    "peak" => Peak(),
    "kernels" => KernelCommand.Run(args[1..]),
    "sum" => SumCommand.Run(args[1..]),
    "scale" => await AiMass.Bench.Scale.ScaleCommand.RunAsync(args[1..]),
    "scale-workers" => await AiMass.Bench.Scale.ScaleWorkersCommand.RunAsync(args[1..]),
    "phases" => PhasesCommand.Run(args[1..]),
    "mstep" => MStepCommand.Run(args[1..]),
    "modelio" => ModelIoCommand.Run(args[1..]),
    _ => Run(args),
};

static int Peak()
{
    var threads = Environment.ProcessorCount;
    Console.WriteLine($"fp32 FMA peak, {threads} threads: {PeakFlops.Measure(threads):F1} GFLOP/s");
    Console.WriteLine($"fp32 FMA peak, 1 thread: {PeakFlops.Measure(1):F1} GFLOP/s");
    return 0;
}

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(EStepBenchmarks).Assembly).Run(args);
    return 0;
}
