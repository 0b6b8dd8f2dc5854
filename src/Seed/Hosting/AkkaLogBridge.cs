using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Akka.Hosting.Logging;
using Microsoft.Extensions.Logging;
using MelLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace AiMass.Seed.Hosting;

/// <summary>
/// Forwards Akka log events to Microsoft.Extensions.Logging with the message alone (no Akka prefix) and the
/// source class as the category, so AiMass lines (category <c>AiMass.*</c>) and Akka's own (<c>Akka.*</c>) can be
/// filtered separately.
/// </summary>
public sealed class AkkaLogBridge : ActorBase, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private readonly ILoggerFactory _factory;

    /// <summary>Created by the actor system from the logger list.</summary>
    public AkkaLogBridge()
    {
        var setup = Context.System.Settings.Setup.Get<LoggerFactorySetup>();
        _factory = setup.HasValue
            ? setup.Value.LoggerFactory
            : throw new InvalidOperationException("AkkaLogBridge needs the LoggerFactorySetup of Akka.Hosting.");
    }

    /// <inheritdoc />
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case InitializeLogger:
                Sender.Tell(new LoggerInitialized());
                return true;
            case LogEvent log:
                var category = log.LogClass?.FullName ?? "Akka";
                var text = log.Message?.ToString() ?? "";
                _factory.CreateLogger(category)
                    .Log(Level(log.LogLevel()), default, text, log.Cause, static (s, _) => s);
                return true;
            default:
                return false;
        }
    }

    private static MelLogLevel Level(Akka.Event.LogLevel level) => level switch
    {
        Akka.Event.LogLevel.DebugLevel => MelLogLevel.Debug,
        Akka.Event.LogLevel.InfoLevel => MelLogLevel.Information,
        Akka.Event.LogLevel.WarningLevel => MelLogLevel.Warning,
        _ => MelLogLevel.Error,
    };
}
