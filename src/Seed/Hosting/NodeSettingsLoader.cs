using Microsoft.Extensions.Configuration;

namespace AiMass.Seed.Hosting;

/// <summary>
/// Reads <see cref="NodeSettings"/>: defaults, then the "AiMass" section of appsettings.json next to the program,
/// then environment variables; command-line flags are applied by the caller on top. Every setting can also be set
/// by .NET's configuration convention, <c>AiMass__StableAfter=00:00:05</c> (section, two underscores, name).
/// </summary>
public static class NodeSettingsLoader
{
    /// <summary>The environment variables read, and the setting each overrides.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentVariables { get; } = new Dictionary<string, string>
    {
        ["AIMASS_HOST"] = "host to bind remoting to",
        ["AIMASS_PORT"] = "remoting port",
        ["AIMASS_PUBLIC_HOST"] = "address other nodes reach this one at",
        ["AIMASS_SEED_NODES"] = "comma-separated seed addresses (host:port or akka.tcp://aimass@host:port)",
        ["AIMASS_DISCOVERY"] = "none (seed nodes), config or kubernetes: cluster bootstrap instead of seed nodes",
        ["AIMASS_DISCOVERY_ENDPOINTS"] = "config discovery: comma-separated bootstrap endpoints host:port",
        ["AIMASS_DISCOVERY_SERVICE"] = "the service name discovery looks up (default aimass)",
        ["AIMASS_DISCOVERY_LABEL_SELECTOR"] = "kubernetes discovery: pod label selector, {0} = the service name",
        ["AIMASS_BOOTSTRAP_PORT"] = "port of Akka.Management's bootstrap endpoint (default 8558)",
        ["AIMASS_REQUIRED_CONTACT_POINTS"] = "contact points found before a new cluster forms (default 2)",
        ["AIMASS_MANAGEMENT_PORT"] = "a worker's or seed's HTTP port for /healthz, /readyz and /metrics",
        ["AIMASS_DEVICE"] = "worker E-step device",
        ["AIMASS_LOG_FORMAT"] = "text or json",
        ["AIMASS_LOG_LEVEL"] = "Debug, Information, Warning or Error",
        ["AIMASS_API"] = "coordinator HTTP API address",
        ["AIMASS_TOKEN"] = "the coordinator's API token (else read or created in AIMASS_TOKEN_FILE)",
        ["AIMASS_TOKEN_FILE"] = "file holding the API token (default DATA_DIR/api-token)",
        ["AIMASS_TLS_DIR"] = "folder with ca.crt, node.crt, node.key (deploy/make-certs.sh output); turns TLS on",
        ["AIMASS_TLS_CERT"] = "this node's certificate (.pfx/.p12 or PEM); turns TLS on",
        ["AIMASS_TLS_KEY"] = "PEM private key of the certificate",
        ["AIMASS_TLS_CA"] = "the cluster CA certificate peers must chain to",
        ["AIMASS_TLS_PASSWORD"] = "password of the .pfx or of an encrypted key",
        ["AIMASS_TLS_PASSWORD_FILE"] = "file whose first line is that password",
        ["AIMASS_TLS_REQUIRE_MUTUAL"] = "true (default) or false: inbound peers must present a certificate",
        ["AIMASS_DATA_ROOTS"] = "folders data files must lie in, separated by ':' (default: any folder)",
    };

    /// <summary>Loads the settings from <paramref name="appSettingsPath"/> (optional) and the environment.</summary>
    public static NodeSettings Load(
        string? appSettingsPath = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var path = appSettingsPath ?? Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var env = environment ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value);
        var configuration = new ConfigurationBuilder().AddJsonFile(path, optional: true)
            .AddInMemoryCollection(SectionVariables(env))
            .Build();
        NodeSettings settings;
        try
        {
            settings = configuration.GetSection("AiMass").Get<NodeSettings>() ?? new NodeSettings();
        }
        catch (InvalidOperationException e)
        {
            throw new Kernels.InvalidInputException(
                $"A node setting in {path} or an AiMass__ variable is not valid: {e.Message} " +
                "Durations are written hh:mm:ss, e.g. 00:00:05.", e);
        }

        return ApplyEnvironment(settings, env);
    }

    /// <summary>Variables named <c>AiMass__Setting</c> (any case) as configuration keys
    /// <c>AiMass:Setting</c>.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> SectionVariables(
        IReadOnlyDictionary<string, string?> env) =>
        env.Where(e => e.Key.StartsWith("AiMass__", StringComparison.OrdinalIgnoreCase))
            .Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value));

    private static NodeSettings ApplyEnvironment(NodeSettings settings, IReadOnlyDictionary<string, string?> env)
    {
        string? Get(string name) => env.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
        if (Get("AIMASS_PORT") is { } port)
        {
            settings = settings with
            {
                Port = int.TryParse(port, out var p) && p is >= 0 and <= 65535
                    ? p
                    : throw new Kernels.InvalidInputException($"AIMASS_PORT '{port}' is not a port number (0–65535)."),
            };
        }

        return settings with
        {
            Host = Get("AIMASS_HOST") ?? settings.Host,
            PublicHost = Get("AIMASS_PUBLIC_HOST") ?? settings.PublicHost,
            SeedNodes = Get("AIMASS_SEED_NODES")
                    ?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                ?? settings.SeedNodes,
            Device = Get("AIMASS_DEVICE") ?? settings.Device,
            LogFormat = Get("AIMASS_LOG_FORMAT") ?? settings.LogFormat,
            LogLevel = Get("AIMASS_LOG_LEVEL") ?? settings.LogLevel,
            ApiUrl = Get("AIMASS_API") ?? settings.ApiUrl,
            ApiToken = Get("AIMASS_TOKEN") ?? settings.ApiToken,
            ApiTokenFile = Get("AIMASS_TOKEN_FILE") ?? settings.ApiTokenFile,
            JobStoreConnection = Get("AIMASS_JOB_STORE") ?? settings.JobStoreConnection,
            DataRoots = Get("AIMASS_DATA_ROOTS")
                    ?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                ?? settings.DataRoots,
            Tls = ApplyTls(settings.Tls, Get),
            ManagementPort = Port(Get, "AIMASS_MANAGEMENT_PORT") ?? settings.ManagementPort,
            Discovery = ApplyDiscovery(settings.Discovery, Get),
        };
    }

    private static NodeDiscoverySettings ApplyDiscovery(NodeDiscoverySettings discovery, Func<string, string?> get)
    {
        var contacts = get("AIMASS_REQUIRED_CONTACT_POINTS");
        return discovery with
        {
            Method = get("AIMASS_DISCOVERY")?.ToLowerInvariant() ?? discovery.Method,
            Endpoints = get("AIMASS_DISCOVERY_ENDPOINTS")
                    ?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                ?? discovery.Endpoints,
            ServiceName = get("AIMASS_DISCOVERY_SERVICE") ?? discovery.ServiceName,
            LabelSelector = get("AIMASS_DISCOVERY_LABEL_SELECTOR") ?? discovery.LabelSelector,
            BootstrapPort = Port(get, "AIMASS_BOOTSTRAP_PORT") ?? discovery.BootstrapPort,
            RequiredContactPoints = contacts is null
                ? discovery.RequiredContactPoints
                : int.TryParse(contacts, out var n) && n > 0
                    ? n
                    : throw new Kernels.InvalidInputException(
                        $"AIMASS_REQUIRED_CONTACT_POINTS '{contacts}' is not a whole number of 1 or more."),
        };
    }

    private static int? Port(Func<string, string?> get, string name) => get(name) is not { } value
        ? null
        : int.TryParse(value, out var p) && p is >= 0 and <= 65535
            ? p
            : throw new Kernels.InvalidInputException($"{name} '{value}' is not a port number (0–65535).");

    private static NodeTlsSettings ApplyTls(NodeTlsSettings tls, Func<string, string?> get)
    {
        var mutual = get("AIMASS_TLS_REQUIRE_MUTUAL");
        return tls with
        {
            CertificateDirectory = get("AIMASS_TLS_DIR") ?? tls.CertificateDirectory,
            Certificate = get("AIMASS_TLS_CERT") ?? tls.Certificate,
            Key = get("AIMASS_TLS_KEY") ?? tls.Key,
            CaCertificate = get("AIMASS_TLS_CA") ?? tls.CaCertificate,
            Password = get("AIMASS_TLS_PASSWORD") ?? tls.Password,
            PasswordFile = get("AIMASS_TLS_PASSWORD_FILE") ?? tls.PasswordFile,
            RequireMutualAuthentication = mutual is null
                ? tls.RequireMutualAuthentication
                : bool.TryParse(mutual, out var on)
                    ? on
                    : throw new Kernels.InvalidInputException(
                        $"AIMASS_TLS_REQUIRE_MUTUAL '{mutual}' is not true or false."),
        };
    }
}
