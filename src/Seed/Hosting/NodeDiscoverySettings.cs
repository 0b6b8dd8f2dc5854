namespace AiMass.Seed.Hosting;

/// <summary>
/// How a node finds the cluster without a seed list: Akka.Management's cluster bootstrap over a discovery method.
/// <c>none</c> (the default) keeps the static seed nodes; <c>config</c> probes a fixed list of bootstrap endpoints;
/// <c>kubernetes</c> lists the pods that carry <see cref="LabelSelector"/> through the Kubernetes API.
/// </summary>
public sealed record NodeDiscoverySettings
{
    /// <summary>The discovery methods.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["none", "config", "kubernetes"];

    /// <summary>none, config or kubernetes (<c>AIMASS_DISCOVERY</c>, <c>--discovery</c>).</summary>
    public string Method { get; init; } = "none";

    /// <summary>True when the node forms or joins the cluster by bootstrap rather than seed nodes.</summary>
    public bool Enabled => Method != "none";

    /// <summary>
    /// The service the nodes look up: in Kubernetes it fills <see cref="LabelSelector"/>'s <c>{0}</c>.
    /// </summary>
    public string ServiceName { get; init; } = "aimass";

    /// <summary>
    /// Config discovery: the bootstrap endpoints (<c>host:port</c>) of the nodes that form the cluster, the same
    /// list on every node (<c>AIMASS_DISCOVERY_ENDPOINTS</c>, <c>--discovery-endpoints</c>).
    /// </summary>
    public IReadOnlyList<string> Endpoints { get; init; } = [];

    /// <summary>
    /// Port of Akka.Management's HTTP endpoint, which cluster bootstrap probes (<c>AIMASS_BOOTSTRAP_PORT</c>,
    /// <c>--bootstrap-port</c>); served only while discovery is on.
    /// </summary>
    public int BootstrapPort { get; init; } = 8558;

    /// <summary>
    /// The container port name Kubernetes discovery keeps (each pod names its bootstrap port so); config discovery
    /// needs a name too, or bootstrap would keep one endpoint per host.
    /// </summary>
    public string PortName { get; init; } = "bootstrap";

    /// <summary>
    /// Contact points that must be found before a new cluster forms: the node with the lowest address forms it,
    /// the others join (<c>AIMASS_REQUIRED_CONTACT_POINTS</c>).
    /// </summary>
    public int RequiredContactPoints { get; init; } = 2;

    /// <summary>How long the set of contact points must be stable before a new cluster forms.</summary>
    public TimeSpan StableMargin { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Kubernetes: the pod label selector, <c>{0}</c> being <see cref="ServiceName"/>.</summary>
    public string LabelSelector { get; init; } = "app.kubernetes.io/part-of={0}";

    /// <summary>Kubernetes: the namespace to list pods in; null: the pod's own (from its service account).</summary>
    public string? Namespace { get; init; }

    /// <summary>Kubernetes: the service account token file; null: the path Kubernetes mounts it at in a pod.</summary>
    public string? TokenPath { get; init; }

    /// <summary>Kubernetes: the cluster CA the API server's certificate must chain to; null: the pod's.</summary>
    public string? CaPath { get; init; }

    /// <summary>
    /// Kubernetes: the API server's address (<c>https://host:port</c>); null: the one Kubernetes gives a pod in
    /// KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT.
    /// </summary>
    public string? KubernetesApi { get; init; }
}
