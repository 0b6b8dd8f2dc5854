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
    public IEStepBackend CreateBackend(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return EStepBackends.Create(parse.GetValue(Device)!);
    }
}
