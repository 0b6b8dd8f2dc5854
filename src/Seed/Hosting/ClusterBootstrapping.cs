using Akka.Discovery.Config.Hosting;
using Akka.Hosting;
using Akka.Management.Cluster.Bootstrap;

namespace AiMass.Seed.Hosting;

/// <summary>
/// Cluster formation without a seed list (<see cref="NodeDiscoverySettings"/>): every node serves its bootstrap
/// contact point (<see cref="BootstrapEndpoint"/>), and Akka.Management's cluster bootstrap finds the other nodes by
/// discovery, then joins an existing cluster or, when none exists and enough contact points agree, lets the node
/// with the lowest contact point form one.
/// </summary>
public static class ClusterBootstrapping
{
    /// <summary>Adds Akka.Management, cluster bootstrap and the discovery method, when discovery is on.</summary>
    public static AkkaConfigurationBuilder WithAimassDiscovery(
        this AkkaConfigurationBuilder builder, NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var discovery = settings.Discovery;
        if (!discovery.Enabled)
        {
            return builder;
        }

        var bootstrap = new ClusterBootstrapOptions { NewClusterEnabled = true };
        bootstrap.ContactPointDiscovery.ServiceName = discovery.ServiceName;
        bootstrap.ContactPointDiscovery.PortName = discovery.PortName;
        bootstrap.ContactPointDiscovery.RequiredContactPointsNr = discovery.RequiredContactPoints;
        bootstrap.ContactPointDiscovery.StableMargin = discovery.StableMargin;
        bootstrap.ContactPointDiscovery.ContactWithAllContactPoints = true;
        // Started by the endpoint, which Akka.Management cannot serve here (see BootstrapEndpoint).
        builder.WithClusterBootstrap(bootstrap, autoStart: false)
            .AddStartup((system, _) => BootstrapEndpoint.StartAsync(system, settings));
        return discovery.Method switch
        {
            "config" => builder.WithConfigDiscovery(ConfigDiscovery(discovery)),
            "kubernetes" => builder.AddHocon(KubernetesHocon(discovery), HoconAddMode.Prepend),
            _ => throw new Kernels.InvalidInputException(
                $"Discovery method '{discovery.Method}' is not known; use " +
                $"{string.Join(", ", NodeDiscoverySettings.Methods)}."),
        };
    }

    /// <summary>
    /// The problem with the discovery settings, or null: an unknown method, config discovery without endpoints, or
    /// discovery and seed nodes both given (a node must form the cluster one way).
    /// </summary>
    public static string? Problem(NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var discovery = settings.Discovery;
        if (!NodeDiscoverySettings.Methods.Contains(discovery.Method))
        {
            return $"--discovery {discovery.Method}: use {string.Join(", ", NodeDiscoverySettings.Methods)}.";
        }

        if (discovery.Enabled && settings.SeedNodes.Count > 0)
        {
            return $"Both --seed-nodes and --discovery {discovery.Method} are given; a node forms the cluster one " +
                "way: drop one of them (AIMASS_SEED_NODES, AIMASS_DISCOVERY).";
        }

        if (discovery.Method == "config" && discovery.Endpoints.Count == 0)
        {
            return "--discovery config needs --discovery-endpoints host:port,... (the bootstrap endpoints of the " +
                "nodes that form the cluster, the same list on every node).";
        }

        if (discovery.Enabled && discovery.BootstrapPort is < 1 or > 65535)
        {
            return $"--bootstrap-port {discovery.BootstrapPort} is not a port number (1–65535); the other nodes " +
                "must know it, so it cannot be 0.";
        }

        return discovery.RequiredContactPoints < 1
            ? $"The required contact points are {discovery.RequiredContactPoints}; use 1 or more."
            : null;
    }

    private static ConfigServiceDiscoveryOptions ConfigDiscovery(NodeDiscoverySettings discovery) => new()
    {
        Services =
        [
            new Service { Name = discovery.ServiceName, Endpoints = discovery.Endpoints.ToArray() },
        ],
    };

    /// <summary>The <see cref="KubernetesPodDiscovery"/> method and its settings.</summary>
    public static string KubernetesHocon(NodeDiscoverySettings discovery)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        static string Quoted(string? value) => System.Text.Json.JsonSerializer.Serialize(value ?? "");
        return $$"""
            akka.discovery.method = aimass-kubernetes
            akka.discovery.aimass-kubernetes {
              class = {{Quoted(typeof(KubernetesPodDiscovery).AssemblyQualifiedName)}}
              api-url = {{Quoted(discovery.KubernetesApi)}}
              token-path = {{Quoted(discovery.TokenPath)}}
              ca-path = {{Quoted(discovery.CaPath)}}
              namespace = {{Quoted(discovery.Namespace)}}
              label-selector = {{Quoted(discovery.LabelSelector)}}
            }
            """;
    }
}
