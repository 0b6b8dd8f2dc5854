using Microsoft.Extensions.Logging;

namespace AiMass.Seed.Hosting;

/// <summary>Console logging of a node: our one-line formatter, the level and format from the settings.</summary>
public static class NodeLogging
{
    /// <summary>Replaces the logging providers with the AiMass console format.</summary>
    public static ILoggingBuilder AddAimassConsole(this ILoggingBuilder logging, NodeSettings settings, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(settings);
        logging.ClearProviders();
        logging.SetMinimumLevel(
            Enum.TryParse<LogLevel>(settings.LogLevel, true, out var level) ? level : LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        // Akka's own events (membership, remoting) at Warning unless asked for more; AiMass events at the node level.
        logging.AddFilter(
            "Akka", Enum.TryParse<LogLevel>(settings.AkkaLogLevel, true, out var akka) ? akka : LogLevel.Warning);
        logging.AddConsole(o => o.FormatterName = AimassLogFormatter.FormatterName);
        logging.AddConsoleFormatter<AimassLogFormatter, AimassLogFormatterOptions>(o =>
        {
            o.Node = nodeName;
            o.Json = string.Equals(settings.LogFormat, "json", StringComparison.OrdinalIgnoreCase);
        });
        return logging;
    }
}
