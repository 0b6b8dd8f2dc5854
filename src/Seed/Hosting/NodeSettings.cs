namespace AiMass.Seed.Hosting;

/// <summary>
/// Everything that configures a node, in one place, with documented defaults. Bound from the "AiMass" section of
/// appsettings.json, then environment variables (<c>AIMASS_</c> prefix, e.g. <c>AIMASS_PORT</c>), then flags.
/// </summary>
public sealed record NodeSettings
{
    /// <summary>Name of the actor system; every node of one cluster must use the same.</summary>
    public string ClusterName { get; init; } = "aimass";

    /// <summary>Address to bind remoting to (default loopback: a cluster across machines must set it).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Remoting port (0 picks a free one).</summary>
    public int Port { get; init; }

    /// <summary>
    /// Address other nodes use to reach this one, when it differs from <see cref="Host"/> (containers).
    /// </summary>
    public string? PublicHost { get; init; }

    /// <summary>Seed node addresses, <c>host:port</c> or <c>akka.tcp://aimass@host:port</c> (TLS:
    /// <c>akka.ssl.tcp://</c>).</summary>
    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    /// <summary>Roles of this node: seed, coordinator, worker.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>
    /// Largest remoting frame (bytes). Payloads larger than <see cref="ChunkBytes"/> travel in chunks, so this only
    /// bounds the chunk size (at most half of it), not the model size.
    /// </summary>
    public int MaxFrameBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// Fan-out of a step's tree: the coordinator sends each step to at most this many worker nodes, and each of them
    /// forwards it to at most this many more (and sums their answers before it answers).
    /// </summary>
    public int TreeWidth { get; init; } = 8;

    /// <summary>
    /// Straggler speculation: once half of a step's partitions are in and the step has run this many times the
    /// median time they took (and at least <see cref="SpeculationMinimum"/>), a partition still missing is also
    /// started on another node; the first answer wins (the bits are the same). 0 turns it off.
    /// </summary>
    public double SpeculationFactor { get; init; } = 4;

    /// <summary>The least time a step runs before a missing partition is also started elsewhere.</summary>
    public TimeSpan SpeculationMinimum { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Largest chunk of a payload (parameters, statistics) between nodes; larger payloads travel in acknowledged
    /// chunks. The chunk used is at most half of <see cref="MaxFrameBytes"/>.
    /// </summary>
    public int ChunkBytes { get; init; } = 1024 * 1024;

    /// <summary>Chunks of one payload in flight before the first of them is acknowledged.</summary>
    public int TransferWindow { get; init; } = 4;

    /// <summary>
    /// A payload (a step request or reply) not acknowledged for this long is sent again, so a request lost on the
    /// way (at-most-once delivery) is asked again within this interval rather than at the step deadline.
    /// </summary>
    public TimeSpan ResendInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Resends of a payload without any acknowledgement before it counts as undeliverable.</summary>
    public int MaxResends { get; init; } = 10;

    /// <summary>
    /// Largest payload a node sends or accepts (one step's parameters, or one node's summed statistics). A job whose
    /// payloads would be larger fails at once with a message that names the size and this setting.
    /// </summary>
    public long MaxPayloadBytes { get; init; } = 1L << 30;

    /// <summary>Split Brain Resolver: how long membership must be stable before it downs unreachable nodes.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Failure detector: heartbeat silence tolerated before a node is suspected (Akka's default 3 s).
    /// Detection of a crashed node takes about this plus a few heartbeat intervals.</summary>
    public TimeSpan AcceptableHeartbeatPause { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Whether a downed or stopped node ends its process (on for node commands, off in tests).</summary>
    public bool ExitProcessOnShutdown { get; init; }

    /// <summary>E-step device of a worker: auto, cpu, cuda, opencl, ilgpu-cpu, reference.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>How this node reads datasets: S3 endpoint and addressing, retries, download cache, CSV limit
    /// (default: from the environment, see <see cref="Data.Storage.DataAccessSettings.FromEnvironment"/>).</summary>
    public Data.Storage.DataAccessSettings DataAccess { get; init; } =
        Data.Storage.DataAccessSettings.FromEnvironment();

    /// <summary>Log format on stdout: <c>text</c> (one line per event) or <c>json</c> (JSON lines).</summary>
    public string LogFormat { get; init; } = "text";

    /// <summary>Least log level printed: Debug, Information, Warning, Error.</summary>
    public string LogLevel { get; init; } = "Information";

    /// <summary>Least level of Akka's own log events (membership, remoting): Warning by default.</summary>
    public string AkkaLogLevel { get; init; } = "Warning";

    /// <summary>How long a job waits for a partition's statistics before re-asking (the first iteration also
    /// loads the partition, so it gets <see cref="FirstStepDeadline"/>).</summary>
    public TimeSpan StepDeadline { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Deadline of a job's first step, which includes loading every partition.</summary>
    public TimeSpan FirstStepDeadline { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Re-asks of one step before the job fails.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Default partitions per worker when a job does not say <c>--partitions</c>.</summary>
    public int PartitionsPerWorker { get; init; } = 4;

    /// <summary>How often workers advertise their device and partitions to the coordinator.</summary>
    public TimeSpan AdvertiseInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The folders this node may read data, weights and lengths files from (<c>--data-root</c>, repeatable;
    /// <c>AIMASS_DATA_ROOTS</c>, separated by '<c>:</c>'); empty: any folder. A file is inside when its path, with
    /// symbolic links and <c>..</c> resolved, is. Recommended on shared clusters (docs/SECURITY.md).
    /// </summary>
    public IReadOnlyList<string> DataRoots { get; init; } = [];

    /// <summary>Where a coordinator keeps its job store (jobs.db); null keeps jobs in memory only.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// A PostgreSQL connection string for the job store (<c>AIMASS_JOB_STORE</c>, <c>--job-store</c>); when set, it
    /// replaces the SQLite file, and every coordinator that uses it sees the same jobs. Never printed.
    /// </summary>
    public string? JobStoreConnection { get; init; }

    /// <summary>
    /// Retention (<c>--keep-jobs</c>): how many finished jobs the coordinator keeps, newest first; older finished jobs
    /// are deleted at start and every <see cref="RetentionInterval"/>. 0 keeps any number. Running jobs are never
    /// deleted.
    /// </summary>
    public int KeepJobs { get; init; } = 1000;

    /// <summary>
    /// Retention (<c>--keep-days</c>): finished jobs that ended more than this many days ago are deleted at start and
    /// every <see cref="RetentionInterval"/>. 0 keeps them whatever their age.
    /// </summary>
    public double KeepDays { get; init; } = 30;

    /// <summary>How often the coordinator applies <see cref="KeepJobs"/> and <see cref="KeepDays"/>.</summary>
    public TimeSpan RetentionInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A job-store write that fails (a full disk, a lost database) pauses the job and is retried after this, doubling
    /// up to <see cref="StoreRetryMax"/>, until it lands.
    /// </summary>
    public TimeSpan StoreRetryInitial { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two retries of a failed job-store write.</summary>
    public TimeSpan StoreRetryMax { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The coordinator's HTTP API address (coordinator role); loopback unless told otherwise.</summary>
    public string ApiUrl { get; init; } = "http://127.0.0.1:5080";

    /// <summary>
    /// The API's bearer token (<c>AIMASS_TOKEN</c>); null: read <see cref="ApiTokenFile"/>, or create it with a
    /// random token. Never printed.
    /// </summary>
    public string? ApiToken { get; init; }

    /// <summary>The file holding the API token (created, mode 0600, when missing); null:
    /// <c>api-token</c> in <see cref="DataDirectory"/>.</summary>
    public string? ApiTokenFile { get; init; }

    /// <summary>Largest request body the API reads (a job carries its <c>--init</c> model inline).</summary>
    public long ApiMaxRequestBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>TLS of remoting (off unless a certificate is configured).</summary>
    public NodeTlsSettings Tls { get; init; } = new();

    /// <summary>The scheme of Akka addresses: <c>akka.ssl.tcp</c> with TLS, else <c>akka.tcp</c>.</summary>
    public string AddressScheme => Tls.Enabled ? "akka.ssl.tcp" : "akka.tcp";

    /// <summary>This node's name in log lines: its roles and address.</summary>
    public string NodeName => $"{string.Join('+', Roles)}@{PublicHost ?? Host}:{Port}";

    /// <summary>
    /// Seed addresses in Akka's full form; a full address whose scheme does not match TLS on/off is bad input (it
    /// could never be reached).
    /// </summary>
    public IReadOnlyList<string> SeedAddresses() => SeedNodes.Select(s =>
    {
        if (!s.Contains("://", StringComparison.Ordinal))
        {
            return $"{AddressScheme}://{ClusterName}@{s}";
        }

        return s.StartsWith(AddressScheme + "://", StringComparison.Ordinal)
            ? s
            : throw new Kernels.InvalidInputException(
                $"Seed node '{s}' does not use {AddressScheme}:// although TLS is {(Tls.Enabled ? "on" : "off")}; " +
                "give seeds as host:port.");
    }).ToArray();

    /// <summary>The default data folder: $XDG_DATA_HOME/aimass, else ~/.local/share/aimass.</summary>
    public static string DefaultDataDirectory() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "aimass");

    /// <summary>The node's name; settings are never printed whole (they may hold secrets).</summary>
    public override string ToString() => $"NodeSettings {{ {NodeName}, {Tls} }}";
}
