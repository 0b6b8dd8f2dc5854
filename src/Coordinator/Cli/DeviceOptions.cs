using System.CommandLine;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Cli;

/// <summary>The <c>--device</c>, <c>--threads</c>, <c>--cpu-kernels</c> and <c>--cpu-cache-mb</c> options that pick
/// and tune the E-step backend. The arithmetic is the fit's (<c>--precision</c>, <see cref="EmOptions"/>): each
/// step names its own.
/// </summary>
public sealed class DeviceOptions
{
    /// <summary>--device.</summary>
    public Option<string> Device { get; } = new("--device")
    {
        Description = $"E-step device: {string.Join(", ", EStepBackends.Names)}",
        DefaultValueFactory = _ => "auto",
    };

    /// <summary>--threads.</summary>
    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "Compute threads of the CPU E-step (default: one per logical processor)",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>--cpu-kernels: the CPU path's vector width.</summary>
    public Option<string> CpuKernels { get; } = new("--cpu-kernels")
    {
        Description = "Vector code of the cpu device: auto (widest the CPU has; default), avx512, avx2 or scalar " +
                      "(pin one on every worker of a mixed cluster for bit-identical results)",
        DefaultValueFactory = _ => "auto",
    };

    /// <summary>--cpu-cache-mb: MiB the CPU path may keep of prepared partitions (0: stream every iteration).
    /// </summary>
    public Option<long?> CpuCacheMb { get; } = new("--cpu-cache-mb")
    {
        Description = "MiB of memory the cpu device may use to keep partitions' prepared rows between iterations " +
                      "(0: re-read them every iteration; default: min(2048, a quarter of the memory))",
    };

    /// <summary>
    /// Adds the options to <paramref name="command"/>; <paramref name="recursive"/> lets subcommands use them.
    /// </summary>
    public void AddTo(Command command, bool recursive = false)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Device, Threads, CpuKernels, CpuCacheMb })
        {
            option.Recursive = recursive;
            command.Options.Add(option);
        }
    }

    /// <summary>The thread count and resident budget the options give; throws
    /// <see cref="Kernels.InvalidInputException"/> naming a value out of range.</summary>
    public EStepOptions Options(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var threads = parse.GetValue(Threads);
        if (threads < 0)
        {
            throw new Kernels.InvalidInputException($"--threads {threads} must be 0 (all processors) or more.");
        }

        var megabytes = parse.GetValue(CpuCacheMb);
        if (megabytes is < 0 or > long.MaxValue >> 20)
        {
            throw new Kernels.InvalidInputException(
                $"--cpu-cache-mb {megabytes} is out of range; use 0 (no resident copies) or a positive size in MiB.");
        }

        return new EStepOptions(Threads: threads)
        {
            ResidentBytes = megabytes << 20,
            KernelSet = Kernels.EStep.Cpu.CpuKernelSets.Parse(parse.GetValue(CpuKernels)),
        };
    }

    /// <summary>A factory of the backend the options name (one per embedded worker) for a fit of
    /// <paramref name="precision"/> (<see cref="EStepBackends.Create(string, EStepOptions, FitPrecision)"/>),
    /// warning on <paramref name="warnings"/>.</summary>
    public Func<IEStepBackend> Factory(ParseResult parse, TextWriter warnings, FitPrecision precision)
    {
        var name = parse.GetValue(Device)!;
        var options = Options(parse);
        return () => Warned(EStepBackends.Create(name, options, precision), warnings);
    }

    /// <summary>Creates the backend the options name for a fit of <paramref name="precision"/>; its warnings (a
    /// partition falling back from the GPU to the CPU path) go to <paramref name="warnings"/>.</summary>
    public IEStepBackend CreateBackend(ParseResult parse, TextWriter warnings, FitPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return Warned(EStepBackends.Create(parse.GetValue(Device)!, Options(parse), precision), warnings);
    }

    /// <summary><paramref name="spec"/> with the precision it runs at on the <c>--device</c> given: the reference
    /// device computes in float64 only, so auto becomes double there.</summary>
    public FitSpec ForDevice(FitSpec spec, ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(parse);
        var precision = EStepBackends.EffectivePrecision(parse.GetValue(Device)!, FitPrecisions.Parse(spec.Precision));
        return spec with { Precision = precision.Name() };
    }

    /// <summary>Prints <paramref name="backend"/>'s warnings on <paramref name="warnings"/>, one line each.</summary>
    public static IEStepBackend Warned(IEStepBackend backend, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        if (backend is IWarningSource source)
        {
            source.Warning += message =>
            {
                lock (warnings)
                {
                    warnings.WriteLine($"aimass: warning: {message}");
                }
            };
        }

        return backend;
    }

    /// <summary>
    /// Creates the backend <c>--device</c> names, or <paramref name="configured"/> (appsettings.json,
    /// AIMASS_DEVICE) when the flag was not given.
    /// </summary>
    public IEStepBackend CreateBackend(ParseResult parse, string? configured)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var given = parse.GetResult(Device) is { Implicit: false };
        return EStepBackends.Create(given || configured is null ? parse.GetValue(Device)! : configured, Options(parse));
    }
}
