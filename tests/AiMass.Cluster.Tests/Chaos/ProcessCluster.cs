using System.Diagnostics;
using System.Text.Json;
using AiMass.Cluster.Tests.Support;

namespace AiMass.Cluster.Tests.Chaos;

/// <summary>
/// A cluster of real processes run by <c>deploy/local-cluster.sh</c>, tuned for quick fail-over (Split Brain
/// Resolver stable-after 5 s) and slowed to ~<see cref="StepDelayMs"/> per E-step so a test can break it mid-job.
/// Client commands run as processes with the variables of the cluster's env file (where an API token would go too).
/// Every command shares one time budget, so a test is bounded as a whole; disposing stops every node, whatever
/// happened.
/// </summary>
public sealed class ProcessCluster : IDisposable
{
    /// <summary>The E-step delay every worker adds (the fault-injection option --fault-step-delay-ms).</summary>
    public const int StepDelayMs = 300;

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(100);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly Dictionary<string, string> _environment;
    private readonly DateTime _deadline;

    private ProcessCluster(string directory, TimeSpan budget, IReadOnlyDictionary<string, string>? environment)
    {
        Directory = directory;
        _deadline = DateTime.UtcNow + budget;
        Dll = Repository.Aimass();
        _environment = new Dictionary<string, string>
        {
            ["AIMASS_DLL"] = Dll,
            ["AiMass__StableAfter"] = "00:00:05",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            _environment[name] = value;
        }
    }

    /// <summary>The cluster's folder: logs, pids, env, the coordinator's job store.</summary>
    public string Directory { get; }

    /// <summary>The aimass tool.</summary>
    public string Dll { get; }

    /// <summary>Starts a seed, a coordinator and <paramref name="workers"/> workers (reference device) in
    /// <paramref name="directory"/>, with <paramref name="environment"/> added to every node's; every later command
    /// must end within <paramref name="budget"/> from now.</summary>
    public static ProcessCluster Start(
        string directory, int workers, TimeSpan budget, IReadOnlyDictionary<string, string>? environment = null)
    {
        var cluster = new ProcessCluster(directory, budget, environment);
        try
        {
            cluster.Script("start", workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--device", "reference", "--timeout", "90",
                "--fault-step-delay-ms", StepDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Runs <c>deploy/local-cluster.sh ARGS --dir DIR</c> and asserts it succeeded.</summary>
    public ProcessRun Script(params string[] args)
    {
        var run = ProcessRun.Of(Repository.Script, [.. args, "--dir", Directory], Within(ScriptTimeout), _environment);
        Assert.True(run.ExitCode == 0, $"local-cluster.sh {string.Join(' ', args)}: {run}");
        return run;
    }

    /// <summary>Runs <c>aimass ARGS</c> as a process with the cluster's env file as its environment.</summary>
    public ProcessRun Aimass(params string[] args) =>
        ProcessRun.Of("dotnet", [Dll, .. args], Within(CommandTimeout), ClientEnvironment());

    /// <summary>SIGKILLs node <paramref name="name"/> (kill -9), waits until the process is gone, and returns
    /// when it was killed.</summary>
    public DateTimeOffset Kill(string name)
    {
        var pid = int.Parse(File.ReadAllText(Path.Combine(Directory, $"{name}.pid")).Trim(),
            System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        var killed = DateTimeOffset.UtcNow;
        process.Kill();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)), $"{name} (pid {pid}) survived SIGKILL");
        return killed;
    }

    /// <summary>Polls <c>aimass status JOB --json</c> until <paramref name="condition"/> holds.</summary>
    public JsonElement WaitForStatus(string job, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + Within(timeout);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            var run = Aimass("status", job, "--json");
            last = run.ToString();
            if (run.ExitCode == 0)
            {
                using var json = JsonDocument.Parse(run.Out);
                if (condition(json.RootElement))
                {
                    return json.RootElement.Clone();
                }
            }

            Thread.Sleep(250);
        }

        throw new TimeoutException(
            $"job {job} did not reach the expected state in {timeout.TotalSeconds:F0} s; last: {last}");
    }

    /// <summary>Seconds from <paramref name="since"/> to the time stamp that starts a log line.</summary>
    public static double SecondsUntil(DateTimeOffset since, string logLine)
    {
        ArgumentNullException.ThrowIfNull(logLine);
        var stamp = DateTimeOffset.Parse(logLine[..logLine.IndexOf(' ', StringComparison.Ordinal)],
            System.Globalization.CultureInfo.InvariantCulture);
        return (stamp - since).TotalSeconds;
    }

    /// <summary>The lines of node <paramref name="name"/>'s log.</summary>
    public string[] Log(string name) => File.ReadAllLines(Path.Combine(Directory, $"{name}.log"));

    /// <inheritdoc />
    public void Dispose()
    {
        var stop = ProcessRun.Of(
            Repository.Script, ["stop", "--dir", Directory], TimeSpan.FromSeconds(45), _environment);
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Empty(System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory, "*.pid") : []);
    }

    /// <summary><paramref name="timeout"/>, or less when the test's budget ends sooner.</summary>
    private TimeSpan Within(TimeSpan timeout)
    {
        var left = _deadline - DateTime.UtcNow;
        return left <= TimeSpan.Zero
            ? throw new TimeoutException("The test's time budget is spent.")
            : left < timeout ? left : timeout;
    }

    private Dictionary<string, string> ClientEnvironment()
    {
        var environment = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(Directory, "env")))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && !line.StartsWith("export ", StringComparison.Ordinal))
            {
                environment[line[..equals]] = line[(equals + 1)..];
            }
        }

        return environment;
    }
}
