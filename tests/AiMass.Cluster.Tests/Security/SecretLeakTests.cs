using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiMass.Cluster.Tests.EndToEnd;
using AiMass.Cluster.Tests.Support;

namespace AiMass.Cluster.Tests.Security;

/// <summary>
/// Plants distinctive random secrets in the configuration of a cluster of real processes (the API token, the
/// password of an encrypted TLS key, a job-store password), submits jobs that fail in every way we could think of
/// — paths into /proc, links to it, files that hold the secrets, bad init models — and then scans every output for
/// any 10-character run of a secret: the nodes' logs, the API's answers, the tool's stdout and stderr, and the
/// bytes of the SQLite job store. The secrets are letters, digits, '-' and '_', which JSON writes as they are, so
/// the scan of JSON answers and rows sees them. The token is the script's own (random for each start).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretLeakTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();
    private readonly List<(string Where, string Text)> _outputs = [];

    public void Dispose() => _dir.Dispose();

    [LinuxOpensslFact]
    public async Task No_secret_of_the_settings_reaches_a_log_an_api_answer_the_job_store_or_the_tool_output()
    {
        var (tlsPassword, storePassword) = ("tls-" + Hex(), "pg-" + Hex());
        var clusterDir = _dir.File("cluster");
        var dll = Repository.Aimass();
        var key = EncryptedKey(Path.Combine(clusterDir, "certs"), _dir.File("node-encrypted.key"), tlsPassword);
        var environment = new Dictionary<string, string>
        {
            ["AIMASS_DLL"] = dll, ["AiMass__Tls__Key"] = key, ["AiMass__Tls__Password"] = tlsPassword,
            ["AiMass__LogLevel"] = "Debug", ["AiMass__AkkaLogLevel"] = "Info",
        };
        var secrets = new Dictionary<string, string>
        {
            ["tls password"] = tlsPassword, ["job store password"] = storePassword,
        };
        try
        {
            var start = Record("local-cluster.sh start", ProcessRun.Of(Repository.Script,
                ["start", "1", "--tls", "--dir", clusterDir, "--device", "reference", "--timeout", "90"],
                TimeSpan.FromSeconds(110), environment));
            Assert.True(start.ExitCode == 0, start.ToString());
            var env = Path.Combine(clusterDir, "env");
            var (api, token) = (LocalClusterTests.Variable(env, "AIMASS_COORDINATOR"),
                LocalClusterTests.Variable(env, "AIMASS_TOKEN"));
            secrets["api token"] = token;
            var pid = File.ReadAllText(Path.Combine(clusterDir, "coordinator.pid")).Trim();
            var environ = File.ReadAllText($"/proc/{pid}/environ");
            Assert.True(environ.Contains(token, StringComparison.Ordinal) && environ.Contains(tlsPassword,
                StringComparison.Ordinal), "the coordinator's environment does not hold the planted secrets");
            var data = Datasets.WriteMixture(_dir.File("x.npy"), 600, 3, 2, seed: 7);
            var cases = new LeakCases(_dir.Path, data, secrets, pid, env, key);

            await SubmitEachAsync(api, token, cases);
            RunTool(dll, api, token, cases, data);
            await ListJobsAsync(api, token);
        }
        finally
        {
            var stop = Record("local-cluster.sh stop", ProcessRun.Of(
                Repository.Script, ["stop", "--dir", clusterDir], TimeSpan.FromSeconds(45), environment));
            Assert.True(stop.ExitCode == 0, stop.ToString());
        }

        StartWithBadStores(dll, storePassword);
        var scan = new SecretScan(secrets);
        foreach (var (where, text) in _outputs)
        {
            scan.Text(where, text);
        }

        foreach (var file in Directory.GetFiles(clusterDir, "*.log")
                     .Concat(Directory.GetFiles(Path.Combine(clusterDir, "data"), "jobs.db*")))
        {
            scan.File(file);
        }

        var coordinatorLog = File.ReadAllText(Path.Combine(clusterDir, "coordinator.log"));
        Assert.Contains("WARN", coordinatorLog);
        Assert.Contains("is a file of the kernel", coordinatorLog);
        Assert.True(File.Exists(Path.Combine(clusterDir, "data", "jobs.db")), "no SQLite job store to scan");
        scan.AssertNothingFound();
        var control = new SecretScan(secrets);
        control.File(Path.Combine(clusterDir, "env"));
        Assert.Throws<Xunit.Sdk.TrueException>(control.AssertNothingFound); // the scan does find a planted token
    }

    /// <summary>Posts every bad job straight to the API: each is a 400 whose error holds the expected
    /// fragment.</summary>
    private async Task SubmitEachAsync(string api, string token, LeakCases cases)
    {
        using var http = Client(api, token);
        foreach (var (name, body, expect) in cases.Submissions)
        {
            using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("api/jobs", content);
            var text = await response.Content.ReadAsStringAsync();
            _outputs.Add(($"POST api/jobs ({name})", text));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode} {text}");
            var error = JsonDocument.Parse(text).RootElement.GetProperty("error").GetString()!;
            Assert.True(error.Length < 1000, $"{name}: a {error.Length}-character error");
            Assert.True(expect is null || error.Contains(expect, StringComparison.Ordinal), $"{name}: {error}");
        }
    }

    /// <summary>The tool as a process: bad jobs, a client-side refusal, one good job, and the listings.</summary>
    private void RunTool(string dll, string api, string token, LeakCases cases, string data)
    {
        string[] client = ["--coordinator", api, "--token", token];
        var lengths = Tool(dll, ["submit", "hmm", "--data", data, "--states", "2", "--lengths", "/proc/self/environ",
            .. client]);
        var weights = Tool(dll, ["submit", "gmm", "--data", data, "--k", "2", "--sample-weight",
            cases.File("token.csv"), .. client]);
        var init = Tool(dll, ["submit", "gmm", "--data", data, "--init", "/proc/self/environ", .. client]);
        var good = Tool(dll, ["submit", "gmm", "--data", data, "--k", "2", "--max-iter", "3", "--output",
            _dir.File("model.json"), .. client]);
        Tool(dll, ["jobs", .. client]);
        Tool(dll, ["jobs", "--json", .. client]);

        Assert.True(lengths.ExitCode == 2 && lengths.Error.Contains("is a file of the kernel",
            StringComparison.Ordinal), lengths.ToString());
        Assert.True(weights.ExitCode == 2 && weights.Error.Contains("withheld", StringComparison.Ordinal),
            weights.ToString());
        Assert.True(init.ExitCode == 2 && init.Error.Contains("--init model '/proc/self/environ'",
            StringComparison.Ordinal), init.ToString());
        Assert.True(good.ExitCode == 0, good.ToString()); // the cluster runs on the encrypted key
    }

    /// <summary>Every job the API lists, and each one's own status.</summary>
    private async Task ListJobsAsync(string api, string token)
    {
        using var http = Client(api, token);
        var list = await http.GetStringAsync("api/jobs");
        _outputs.Add(("GET api/jobs", list));
        var ids = JsonDocument.Parse(list).RootElement.GetProperty("jobs").EnumerateArray()
            .Select(job => job.GetProperty("job_id").GetString()!).ToArray();
        // The bad submissions were refused before a job existed; the good one ran.
        Assert.True(ids.Length >= 1 && list.Contains("\"state\":\"Succeeded\"", StringComparison.Ordinal), list);
        foreach (var id in ids)
        {
            _outputs.Add(($"GET api/jobs/{id}", await http.GetStringAsync($"api/jobs/{id}")));
        }

        _outputs.Add(("GET api/cluster", await http.GetStringAsync("api/cluster")));
    }

    /// <summary>A coordinator whose PostgreSQL job store cannot be used (nothing listens; a malformed connection
    /// string): it stops with exit code 2 and a message that names the server, not the password.</summary>
    private void StartWithBadStores(string dll, string password)
    {
        var unused = FreePort();
        string[] node = ["coordinator", "--host", "127.0.0.1", "--port", "0", "--seed-nodes", $"127.0.0.1:{FreePort()}",
            "--api", $"127.0.0.1:{FreePort()}", "--data-dir", _dir.File("store-data")];
        var refused = Tool(dll, [.. node, "--job-store",
            $"Host=127.0.0.1;Port={unused};Username=aimass;Password={password};Database=aimass;Timeout=5"]);
        var malformed = Tool(dll, node, new Dictionary<string, string>
        {
            ["AIMASS_JOB_STORE"] = $"Host=127.0.0.1;Password={password};No Such Keyword=1",
        });

        Assert.True(refused.ExitCode == 2 && refused.Error.Contains($"PostgreSQL 127.0.0.1:{unused}/aimass",
            StringComparison.Ordinal), refused.ToString());
        Assert.True(malformed.ExitCode == 2, malformed.ToString());
    }

    private ProcessRun Tool(string dll, string[] args, IReadOnlyDictionary<string, string>? environment = null) =>
        Record($"aimass {string.Join(' ', args.Take(3))}", ProcessRun.Of("dotnet", [dll, .. args], CommandTimeout,
            environment));

    private ProcessRun Record(string where, ProcessRun run)
    {
        _outputs.Add((where, run.ToString()));
        return run;
    }

    /// <summary>deploy/make-certs.sh's node key, encrypted with <paramref name="password"/> (PKCS#8,
    /// AES-256).</summary>
    private static string EncryptedKey(string certs, string encrypted, string password)
    {
        var make = ProcessRun.Of(Repository.MakeCerts, [certs], CommandTimeout);
        Assert.True(make.ExitCode == 0, make.ToString());
        var openssl = ProcessRun.Of("openssl",
            ["pkey", "-in", Path.Combine(certs, "node.key"), "-aes256", "-passout", "env:KEY_PASSWORD", "-out",
                encrypted], CommandTimeout, new Dictionary<string, string> { ["KEY_PASSWORD"] = password });
        Assert.True(openssl.ExitCode == 0, openssl.ToString());
        return encrypted;
    }

    private static HttpClient Client(string api, string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(api.TrimEnd('/') + "/"), Timeout = CommandTimeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static string Hex() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
