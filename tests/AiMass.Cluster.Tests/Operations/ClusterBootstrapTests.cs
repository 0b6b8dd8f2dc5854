using Akka.Actor;

using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Nodes;
using AiMass.Seed.Hosting;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;
using Xunit.Abstractions;

namespace AiMass.Cluster.Tests.Operations;

/// <summary>
/// Cluster formation without a seed list: three nodes (a coordinator and two workers) run Akka.Management's cluster
/// bootstrap, find each other by Config discovery or by Kubernetes API discovery against a fake API server, form one
/// cluster and run a job on it.
/// </summary>
public sealed class ClusterBootstrapTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan FormationTimeout = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Config_discovery_forms_a_three_node_cluster_without_seed_nodes_that_runs_a_job()
    {
        await using var nodes = new BootstrapNodes();
        var discovery = new NodeDiscoverySettings
        {
            Method = "config",
            Endpoints = nodes.BootstrapPorts.Select(p => $"127.0.0.1:{p}").ToArray(),
            RequiredContactPoints = 3,
            StableMargin = TimeSpan.FromSeconds(1),
        };

        await nodes.StartAsync(discovery);
        await nodes.WaitForThreeUpAsync(FormationTimeout);

        var leaders = nodes.Systems.Select(s => Akka.Cluster.Cluster.Get(s).State.Leader).Distinct().ToArray();
        Assert.Single(leaders);
        Assert.All(nodes.Systems, s => Assert.Empty(s.Settings.Config.GetStringList("akka.cluster.seed-nodes")));
        await RunJobAsync(nodes);
    }

    [Fact]
    public async Task Kubernetes_discovery_against_a_fake_api_forms_a_three_node_cluster_that_runs_a_job()
    {
        await using var nodes = new BootstrapNodes();
        const string token = "fake-service-account-token";
        const string selector = "app.kubernetes.io/part-of=aimass";
        await using var api = new FakeKubernetesApi("aimass-test", token, selector, nodes.BootstrapPorts);
        await api.StartAsync();
        var discovery = new NodeDiscoverySettings
        {
            Method = "kubernetes",
            Namespace = "aimass-test",
            TokenPath = _dir.Text("token", token),
            CaPath = api.WriteAuthority(_dir.File("ca.crt")),
            KubernetesApi = $"https://127.0.0.1:{api.Port}",
            RequiredContactPoints = 3,
            StableMargin = TimeSpan.FromSeconds(1),
        };

        await nodes.StartAsync(discovery);
        await nodes.WaitForThreeUpAsync(FormationTimeout);

        output.WriteLine($"{api.Requests.Count} pod-list requests, e.g. {api.Requests.First()}");
        Assert.All(api.Requests, r => Assert.Equal($"aimass-test {selector}", r));
        Assert.True(api.Requests.Count >= 3, $"{api.Requests.Count} pod-list requests");
        Assert.Single(nodes.Systems.Select(s => Akka.Cluster.Cluster.Get(s).State.Leader).Distinct());
        await RunJobAsync(nodes);
    }

    private async Task RunJobAsync(BootstrapNodes nodes)
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 2000, 2, 2, seed: 9);
        var manager = await nodes.JobManagerAsync();
        var iterations = new List<ProgressEntry>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var (status, _) = await JobRunner.RunAsync(
            manager, new FitSpec { Data = data, Components = 2, Partitions = 4, MaxIter = 4, Tol = 0 },
            iterations.Add, deadline.Token);

        Assert.Equal(JobState.Succeeded, status.State);
        Assert.Equal(4, iterations.Count);
        var workers = iterations.Select(h => h.SlowestWorker).ToHashSet();
        output.WriteLine($"job {status.JobId}: {string.Join(", ", workers)}");
    }
}
