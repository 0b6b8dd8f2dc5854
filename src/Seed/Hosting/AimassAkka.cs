using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;

namespace AiMass.Seed.Hosting;

/// <summary>The Akka configuration every AiMass node shares: remoting, clustering, downing, serialization, logging.</summary>
public static class AimassAkka
{
    /// <summary>Configures remoting and clustering from <paramref name="settings"/>.</summary>
    public static AkkaConfigurationBuilder WithAimassNode(this AkkaConfigurationBuilder builder, NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        return builder
            .AddHocon(ConfigurationFactory.ParseString(Hocon(settings)), HoconAddMode.Prepend)
            .WithRemoting(new RemoteOptions
            {
                HostName = settings.Host,
                Port = settings.Port,
                PublicHostName = settings.PublicHost,
                MaxFrameSize = settings.MaxFrameBytes,
            })
            .WithClustering(new ClusterOptions
            {
                Roles = settings.Roles.ToArray(),
                SeedNodes = settings.SeedAddresses().ToArray(),
                SplitBrainResolver = new KeepMajorityOption(),
            })
            .WithActors((system, _) =>
            {
                // A seed started without seed addresses forms the cluster by joining itself.
                if (settings.SeedNodes.Count == 0 && settings.Roles.Contains("seed"))
                {
                    var cluster = Akka.Cluster.Cluster.Get(system);
                    cluster.Join(cluster.SelfAddress);
                }
            })
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = ParseLevel(settings.LogLevel);
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
                loggers.ClearLoggers();
                loggers.AddLogger<AkkaLogBridge>();
            });
    }

    /// <summary>
    /// HOCON for what the typed options do not cover: the binary serializer bound to every AiMass message, the
    /// failure detector and downing timing, sharding's rebalance pace, and whether a downed node ends its process.
    /// docs/OPERATIONS.md explains each value.
    /// </summary>
    public static string Hocon(NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var exit = settings.ExitProcessOnShutdown ? "on" : "off";
        return $$"""
            akka {
              actor {
                serializers { aimass = "AiMass.Seed.Serialization.AimassSerializer, AiMass.Seed" }
                serialization-bindings { "AiMass.Seed.Protocol.IAimassMessage, AiMass.Seed" = aimass }
              }
              remote.dot-netty.tcp {
                send-buffer-size = {{settings.MaxFrameBytes}}b
                receive-buffer-size = {{settings.MaxFrameBytes}}b
              }
              cluster {
                split-brain-resolver.stable-after = {{Ms(settings.StableAfter)}}ms
                failure-detector.acceptable-heartbeat-pause = {{Ms(settings.AcceptableHeartbeatPause)}}ms
                sharding {
                  rebalance-interval = {{Ms(settings.RebalanceInterval)}}ms
                  least-shard-allocation-strategy.max-simultaneous-rebalance = 3
                }
                run-coordinated-shutdown-when-down = on
                log-info-verbose = off
              }
              coordinated-shutdown {
                exit-clr = {{exit}}
                run-by-clr-shutdown-hook = on
              }
              stdout-loglevel = WARNING
              log-dead-letters = 5
              log-dead-letters-during-shutdown = off
            }
            """;
    }

    private static long Ms(TimeSpan duration) => (long)duration.TotalMilliseconds;

    private static Akka.Event.LogLevel ParseLevel(string level) => level.ToLowerInvariant() switch
    {
        "debug" => Akka.Event.LogLevel.DebugLevel,
        "warning" => Akka.Event.LogLevel.WarningLevel,
        "error" => Akka.Event.LogLevel.ErrorLevel,
        _ => Akka.Event.LogLevel.InfoLevel,
    };
}
