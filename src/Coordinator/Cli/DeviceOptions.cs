using System.CommandLine;
using AiMass.Kernels;
using AiMass.Kernels.EStep;

namespace AiMass.Coordinator.Cli;

/// <summary>The <c>--device</c> option that picks the E-step backend, and <c>--cpu-cache-mb</c> that sizes the
/// CPU path's resident tile copies.</summary>
public sealed class DeviceOptions
{
    /// <summary>--device.</summary>
    public Option<string> Device { get; } = new("--device")
    {
        Description = $"E-step device: {string.Join(", ", EStepBackends.Names)}",
        DefaultValueFactory = _ => "auto",
    };

    /// <summary>--cpu-cache-mb: MiB the CPU path may keep of prepared partitions (0: stream every iteration).
    /// </summary>
    public Option<long?> CpuCacheMb { get; } = new("--cpu-cache-mb")
    {
        Description = "MiB of memory the cpu device may use to keep partitions' prepared rows between iterations " +
                      "(0: re-read them every iteration; default: min(2048, a quarter of the memory))",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Device);
        command.Options.Add(CpuCacheMb);
    }

    /// <summary>Creates the backend the options name.</summary>
    public IEStepBackend CreateBackend(ParseResult parse) => CreateBackend(parse, null);

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

    /// <summary>The E-step options the flags give; throws <see cref="InvalidInputException"/> for a negative
    /// <c>--cpu-cache-mb</c>.</summary>
    public EStepOptions Options(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var megabytes = parse.GetValue(CpuCacheMb);
        if (megabytes is < 0 or > long.MaxValue >> 20)
        {
            throw new InvalidInputException(
                $"--cpu-cache-mb {megabytes} is out of range; use 0 (no resident copies) or a positive size in MiB.");
        }

        return new EStepOptions { ResidentBytes = megabytes << 20 };
    }
}
