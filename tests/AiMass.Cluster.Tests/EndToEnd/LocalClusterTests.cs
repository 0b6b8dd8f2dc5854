using System.Text.RegularExpressions;
using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Fitting;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Seed.Jobs;

namespace AiMass.Cluster.Tests.EndToEnd;

/// <summary>
/// Real processes: <c>deploy/local-cluster.sh start 2</c> (seed, coordinator, two workers), then the <c>aimass</c>
/// tool as a process submits a job, and the script stops the cluster, whatever happened.
/// </summary>
public sealed partial class LocalClusterTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(75);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_job_submitted_to_a_cluster_of_processes_equals_the_local_fit_and_is_logged_per_iteration()
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 4000, 4, 3, seed: 11);
        // The workers run the reference device, which computes in float64 whatever a step asks: a double job (auto
        // would redo an iteration when its "float32" changes get small, and log it twice).
        var spec = new FitSpec
        {
            Data = data, Components = 3, Partitions = 6, MaxIter = 12, Tol = 0, Precision = "double",
        };
        var clusterDir = _dir.File("cluster");
        var dll = Repository.Aimass();
        var environment = new Dictionary<string, string> { ["AIMASS_DLL"] = dll };
        try
        {
            var start = ProcessRun.Of(
                Repository.Script, ["start", "2", "--dir", clusterDir, "--device", "reference", "--timeout", "60"],
                StartTimeout, environment);
            Assert.True(start.ExitCode == 0, start.ToString());
            var coordinator = Variable(Path.Combine(clusterDir, "env"), "AIMASS_COORDINATOR");
            var token = Variable(Path.Combine(clusterDir, "env"), "AIMASS_TOKEN");
            Assert.All(new[] { "seed", "coordinator", "worker-1", "worker-2" },
                node => Assert.True(File.Exists(Path.Combine(clusterDir, $"{node}.pid")), $"{node}.pid is missing"));

            var submit = Aimass(
                dll, "submit", "gmm", "--data", data, "--k", "3", "--partitions", "6", "--max-iter", "12", "--tol", "0",
                "--precision", "double", "--output", _dir.File("m.json"), "--coordinator", coordinator,
                "--token", token);
            var cluster = Aimass(dll, "cluster", "--coordinator", coordinator, "--token", token);

            Assert.True(submit.ExitCode == 0, submit.ToString());
            var jobId = SubmittedJob().Match(submit.Out).Groups[1].Value;
            Assert.NotEmpty(jobId);
            AssertSameModel(LocalFit.Run(spec, new ReferenceBackend(), new SilentObserver(), CancellationToken.None),
                _dir.File("m.json"));
            var iterationLine = new Regex($@"job={Regex.Escape(jobId)} iteration (\d+) \(init 1/1\) lower_bound");
            var logged = File.ReadLines(Path.Combine(clusterDir, "coordinator.log"))
                .Select(line => iterationLine.Match(line))
                .Where(m => m.Success)
                .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Enumerable.Range(1, 12), logged);
            Assert.True(cluster.ExitCode == 0, cluster.ToString());
            var workerLine = new Regex(@"\sworker\s+Up \(reachable\)\s+reference\s");
            Assert.Equal(2, cluster.Out.Split('\n').Count(workerLine.IsMatch));
            Assert.Contains("2 worker(s) up", cluster.Out);
        }
        finally
        {
            var stop = ProcessRun.Of(
                Repository.Script, ["stop", "--dir", clusterDir], TimeSpan.FromSeconds(45), environment);
            Assert.True(stop.ExitCode == 0, stop.ToString());
            Assert.Empty(Directory.Exists(clusterDir) ? Directory.GetFiles(clusterDir, "*.pid") : []);
        }
    }

    private static ProcessRun Aimass(string dll, params string[] args) =>
        ProcessRun.Of("dotnet", [dll, .. args], CommandTimeout);

    /// <summary>A variable of the script's DIR/env file.</summary>
    internal static string Variable(string envFile, string name)
    {
        var line = File.ReadLines(envFile).Single(l => l.StartsWith(name + "=", StringComparison.Ordinal));
        return line[(name.Length + 1)..];
    }

    private static void AssertSameModel(FitResult local, string modelFile)
    {
        var expected = (GaussianMixtureParameters)local.Parameters;
        var actual = (GaussianMixtureParameters)ModelFile.Load(modelFile);
        Assert.Equal(expected.Weights.ToArray(), actual.Weights.ToArray());
        Assert.Equal(expected.Means.ToArray(), actual.Means.ToArray());
        Assert.Equal(expected.Covariances.ToArray(), actual.Covariances.ToArray());
    }

    [GeneratedRegex(@"submitted job (\S+) to ")]
    private static partial Regex SubmittedJob();

    private sealed class SilentObserver : IFitObserver
    {
        public void Started(string description)
        {
        }

        public void InitStarted(int index, int count)
        {
        }

        public void Iterated(int init, IterationRecord record)
        {
        }

        public void Finished(FitResult result)
        {
        }
    }
}
