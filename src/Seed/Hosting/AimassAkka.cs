using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;

namespace AiMass.Seed.Hosting;

/// <summary>
/// The Akka configuration every AiMass node shares: remoting, clustering, downing, serialization, logging.
/// </summary>
public static class AimassAkka
{
    /// <summary>
    /// Configures remoting and clustering from <paramref name="settings"/>; with TLS on,
    /// <paramref name="credentials"/> are the node's loaded certificate and CA (<see cref="ClusterCredentials.Load"/>).
    /// </summary>
    public static AkkaConfigurationBuilder WithAimassNode(
        this AkkaConfigurationBuilder builder, NodeSettings settings, ClusterCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Tls.Enabled && credentials is null)
        {
            throw new ArgumentException("TLS is on: pass the node's loaded credentials.", nameof(credentials));
        }

        return builder
            .AddHocon(ConfigurationFactory.ParseString(Hocon(settings)), HoconAddMode.Prepend)
            .WithRemoting(Remote(settings, credentials))
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
    /// Remoting: address, frame size and, with TLS, the certificate, mutual authentication and the validator that
    /// accepts only certificates of the cluster CA.
    /// </summary>
    public static RemoteOptions Remote(NodeSettings settings, ClusterCredentials? credentials)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new RemoteOptions
        {
            HostName = settings.Host,
            Port = settings.Port,
            PublicHostName = settings.PublicHost,
            MaxFrameSize = settings.MaxFrameBytes,
        };
        if (settings.Tls.Enabled && credentials is not null)
        {
            options.EnableSsl = true;
            options.Ssl = new SslOptions
            {
                X509Certificate = credentials.Certificate,
                SuppressValidation = false,
                RequireMutualAuthentication = settings.Tls.RequireMutualAuthentication,
                ValidateCertificateHostname = false,
                CustomValidator = ClusterCertificateValidator.Create(credentials.Authority),
            };
        }

        return options;
    }

    /// <summary>
    /// HOCON for what the typed options do not cover: the binary serializer bound to every AiMass message, the
    /// failure detector and downing timing, whether a downed node ends its process, and
    /// dedicated threads for the cluster's own actors (Akka.Cluster's empty <c>use-dispatcher</c> puts its heartbeats
    /// on the default dispatcher, that is on the .NET thread pool, so a saturated pool made nodes unreachable;
    /// LivenessTests). Only the cluster's: moving remoting's or the internal dispatcher to dedicated threads as well
    /// made shard hand-offs lose step requests under load (WorkerMembershipTests failed 3–4 runs in 8)
    /// (docs/OPERATIONS.md explains each value). Serialization is closed: Akka's Newtonsoft JSON fallback (type names
    /// in the payload) is replaced by <see cref="Serialization.ForeignMessageSerializer"/>, so a message of a type
    /// nobody bound is refused on both ends instead of being loaded by name.
    /// </summary>
    public static string Hocon(NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var exit = settings.ExitProcessOnShutdown ? "on" : "off";
        return $$"""
            aimass.cluster-dispatcher {
              type = Dispatcher
              executor = fork-join-executor
              fork-join-executor { parallelism-min = 2, parallelism-factor = 1.0, parallelism-max = 4 }
              throughput = 5
            }
            akka {
              actor {
                serializers {
                  aimass = "AiMass.Seed.Serialization.AimassSerializer, AiMass.Seed"
                  json = "AiMass.Seed.Serialization.ForeignMessageSerializer, AiMass.Seed"
                }
                serialization-bindings { "AiMass.Seed.Protocol.IAimassMessage, AiMass.Seed" = aimass }
                serialization-settings.allow-unregistered-types = off
              }
              remote.dot-netty.tcp {
                send-buffer-size = {{settings.MaxFrameBytes}}b
                receive-buffer-size = {{settings.MaxFrameBytes}}b
              }
              cluster {
                use-dispatcher = aimass.cluster-dispatcher
                split-brain-resolver.stable-after = {{Ms(settings.StableAfter)}}ms
                failure-detector.acceptable-heartbeat-pause = {{Ms(settings.AcceptableHeartbeatPause)}}ms
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
