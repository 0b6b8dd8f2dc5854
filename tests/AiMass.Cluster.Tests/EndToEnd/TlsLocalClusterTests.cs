using System.Text.RegularExpressions;
using AiMass.Cluster.Tests.Support;

namespace AiMass.Cluster.Tests.EndToEnd;

/// <summary>
/// Real processes over mutual TLS: <c>deploy/local-cluster.sh start 1 --tls</c> makes the certificates with
/// deploy/make-certs.sh, and the client needs the token the script wrote to DIR/env.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TlsLocalClusterTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [OpensslFact]
    public void A_cluster_started_with_tls_runs_a_job_for_a_client_with_the_token_only()
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 2000, 3, 2, seed: 3);
        var clusterDir = _dir.File("cluster");
        var dll = Repository.Aimass();
        var environment = new Dictionary<string, string> { ["AIMASS_DLL"] = dll };
        try
        {
            var start = ProcessRun.Of(
                Repository.Script,
                ["start", "1", "--tls", "--dir", clusterDir, "--device", "reference", "--timeout", "60"],
                TimeSpan.FromSeconds(75), environment);
            Assert.True(start.ExitCode == 0, start.ToString());
            var env = Path.Combine(clusterDir, "env");
            var coordinator = LocalClusterTests.Variable(env, "AIMASS_COORDINATOR");
            var token = LocalClusterTests.Variable(env, "AIMASS_TOKEN");

            var cluster = Aimass(dll, "cluster", "--coordinator", coordinator, "--token", token);
            var submit = Aimass(dll, "submit", "gmm", "--data", data, "--k", "2", "--max-iter", "5", "--tol", "0",
                "--coordinator", coordinator, "--token", token);
            // No token anywhere: not given, and no token file of a local coordinator in this user's data folder.
            var anonymous = ProcessRun.Of(
                "dotnet", [dll, "jobs", "--coordinator", coordinator], CommandTimeout,
                new Dictionary<string, string> { ["XDG_DATA_HOME"] = _dir.File("empty-data-home") });

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(env));
            Assert.Equal(Path.Combine(clusterDir, "certs"), LocalClusterTests.Variable(env, "AIMASS_TLS_DIR"));
            Assert.True(cluster.ExitCode == 0, cluster.ToString());
            Assert.Equal(
                3, cluster.Out.Split('\n').Count(l => Regex.IsMatch(l, @"^akka\.ssl\.tcp://aimass@127\.0\.0\.1:\d+ ")));
            Assert.True(submit.ExitCode == 0, submit.ToString());
            Assert.Equal(2, anonymous.ExitCode);
            Assert.Contains("requires an API token", anonymous.Error);
        }
        finally
        {
            var stop = ProcessRun.Of(
                Repository.Script, ["stop", "--dir", clusterDir], TimeSpan.FromSeconds(45), environment);
            Assert.True(stop.ExitCode == 0, stop.ToString());
        }
    }

    private static ProcessRun Aimass(string dll, params string[] args) =>
        ProcessRun.Of("dotnet", [dll, .. args], CommandTimeout);
}
