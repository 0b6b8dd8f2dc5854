using Microsoft.Extensions.Logging.Console;

namespace AiMass.Seed.Hosting;

/// <summary>Options of <see cref="AimassLogFormatter"/>.</summary>
public sealed class AimassLogFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>The node name printed on every line (roles@host:port).</summary>
    public string Node { get; set; } = "";

    /// <summary>JSON lines instead of text.</summary>
    public bool Json { get; set; }
}
