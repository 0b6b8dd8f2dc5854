using System.CommandLine;
using AiMass.Kernels.EStep;

namespace AiMass.Coordinator.Cli;

/// <summary>The <c>--device</c> option that picks the E-step backend.</summary>
public sealed class DeviceOptions
{
    /// <summary>--device.</summary>
    public Option<string> Device { get; } = new("--device")
    {
        Description = $"E-step device: {string.Join(", ", EStepBackends.Names)}",
        DefaultValueFactory = _ => "auto",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Device);
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
        return EStepBackends.Create(given || configured is null ? parse.GetValue(Device)! : configured);
    }
}
