using Akka.Cluster;
using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels.EStep;
using AiMass.Seed.Hosting;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;
using AiMass.Seed.Tests.Hosting;

namespace AiMass.Cluster.Tests.Security;

/// <summary>A cluster whose remoting runs over mutual TLS with its own CA, in this process.</summary>
public sealed class TlsClusterTests : IDisposable
{
    /// <summary>How long intruders get to join: a node with a certificate joins in about a second.</summary>
    private static readonly TimeSpan IntruderWindow = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Nodes_without_a_certificate_of_the_cluster_CA_never_join_while_a_node_with_one_does_and_jobs_run()
    {
        var certificates = TestCertificates.NewClusterFolder(_dir.File("certs"));
        var tls = new NodeTlsSettings { CertificateDirectory = certificates };
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 3000, 4, 3, seed: 5);
        await using var cluster = await EmbeddedCluster.StartAsync(
            1, () => new ReferenceBackend(), s => s with { Tls = tls, AkkaLogLevel = "Error" });
        Assert.StartsWith("akka.ssl.tcp://aimass@127.0.0.1:", cluster.SeedAddress);
        var members = MemberAddresses(cluster);
        Assert.Equal(3, members.Count);

        using var otherAuthority = TestCertificates.Authority("AiMass test CA");
        using var otherCertificate = TestCertificates.Node(otherAuthority);
        var seedPort = new Uri(cluster.SeedAddress.Replace("akka.ssl.tcp", "tcp", StringComparison.Ordinal)).Port;
        await using var foreign = IntruderNode.WithTls(cluster.SeedAddress, otherCertificate, presentCertificate: true);
        await using var anonymous =
            IntruderNode.WithTls(cluster.SeedAddress, otherCertificate, presentCertificate: false);
        await using var plain = IntruderNode.WithoutTls($"akka.tcp://aimass@127.0.0.1:{seedPort}");
        var intruders = new[] { foreign, anonymous, plain };

        var deadline = DateTime.UtcNow + IntruderWindow;
        while (DateTime.UtcNow < deadline)
        {
            Assert.Equal(members, MemberAddresses(cluster));
            await Task.Delay(200);
        }

        Assert.All(intruders, i => Assert.False(i.BecameUp, $"{i.Address} joined"));
        await cluster.AddWorkerAsync(
            new NodeSettings { Tls = tls, AkkaLogLevel = "Error" }, new ReferenceBackend(), "worker-2");
        await cluster.WaitForWorkersAsync(2, TimeSpan.FromSeconds(30));
        var spec = new FitSpec { Data = data, Components = 3, Partitions = 4, MaxIter = 10, Tol = 0 };
        var status = await ClusterJobs.RunAsync(cluster, spec);
        Assert.Equal(JobState.Succeeded, status.State);
        Assert.Equal(10, status.History.Count);
        Assert.Equal(4, MemberAddresses(cluster).Count);
    }

    private static HashSet<string> MemberAddresses(EmbeddedCluster cluster) =>
        Akka.Cluster.Cluster.Get(cluster.CoordinatorSystem).State.Members
            .Select(m => m.Address.ToString())
            .ToHashSet();
}
