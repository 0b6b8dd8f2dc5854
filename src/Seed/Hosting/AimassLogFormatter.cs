using System.Text.Json;
using AiMass.Kernels.Input;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace AiMass.Seed.Hosting;

/// <summary>
/// One line per event on stdout: <c>timestamp level node [job=…] message</c>, or the same fields as JSON lines.
/// Messages about a job start with <c>job=ID </c> by convention; the JSON form lifts it into a "job" field. Secrets
/// of the node's settings (<see cref="SecretValues"/>) are masked in every line.
/// </summary>
public sealed class AimassLogFormatter(IOptionsMonitor<AimassLogFormatterOptions> options)
    : ConsoleFormatter(FormatterName)
{
    /// <summary>The formatter's registered name.</summary>
    public const string FormatterName = "aimass";

    /// <inheritdoc />
    public override void Write<TState>(
        in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception) ?? "";
        if (logEntry.Exception is { } error)
        {
            message = $"{message} ({error.GetType().Name}: {error.Message})";
        }

        var settings = options.CurrentValue;
        var timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        var level = Level(logEntry.LogLevel);
        var (job, text) = SplitJob(SecretValues.Redact(message).ReplaceLineEndings(" "));
        if (settings.Json)
        {
            textWriter.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string?>
            {
                ["ts"] = timestamp,
                ["level"] = level,
                ["node"] = settings.Node,
                ["job"] = job,
                ["msg"] = text,
            }));
        }
        else
        {
            var jobPart = job is null ? "" : $"job={job} ";
            textWriter.WriteLine($"{timestamp} {level,-5} {settings.Node} {jobPart}{text}");
        }
    }

    /// <summary>Splits a leading <c>job=ID </c> off a message.</summary>
    public static (string? Job, string Text) SplitJob(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.StartsWith("job=", StringComparison.Ordinal))
        {
            return (null, message);
        }

        var space = message.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (message[4..], "") : (message[4..space], message[(space + 1)..]);
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "FATAL",
        _ => "NONE",
    };
}
