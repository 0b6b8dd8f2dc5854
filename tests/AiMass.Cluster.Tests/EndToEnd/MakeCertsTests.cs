using System.Net;
using System.Security.Cryptography.X509Certificates;
using AiMass.Cluster.Tests.Support;
using AiMass.Seed.Hosting;

namespace AiMass.Cluster.Tests.EndToEnd;

/// <summary>deploy/make-certs.sh: a private CA and node certificates that the nodes load and trust.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MakeCertsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [OpensslFact]
    public void The_script_makes_owner_only_files_the_nodes_load_with_the_requested_names()
    {
        var folder = _dir.File("certs");

        var run = MakeCerts(folder, "--hosts", "seed, 10.0.0.5", "--nodes", "node,worker-1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["ca.crt", "ca.key", "node.crt", "node.key", "worker-1.crt", "worker-1.key"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(folder));
        Assert.All(Directory.GetFiles(folder),
            f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
        using var node = ClusterCredentials.Load(new NodeTlsSettings { CertificateDirectory = folder });
        using var worker = ClusterCredentials.Load(new NodeTlsSettings
        {
            CertificateDirectory = folder, Certificate = Path.Combine(folder, "worker-1.crt"),
            Key = Path.Combine(folder, "worker-1.key"),
        });
        var names = node.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["localhost", "seed"], names.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback, IPAddress.Parse("10.0.0.5")], names.EnumerateIPAddresses());
        Assert.NotEqual(node.Certificate.Thumbprint, worker.Certificate.Thumbprint);
    }

    [OpensslFact]
    public void A_second_run_keeps_everything_and_new_hosts_reissue_only_the_node_certificate()
    {
        var folder = _dir.File("certs");
        Assert.Equal(0, MakeCerts(folder, "--hosts", "seed").ExitCode);
        var first = Snapshot(folder);

        var again = MakeCerts(folder, "--hosts", "seed");
        var same = Snapshot(folder);
        var moved = MakeCerts(folder, "--hosts", "seed,coordinator");
        var after = Snapshot(folder);

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(first, same);
        Assert.Equal(0, moved.ExitCode);
        Assert.Equal(first["ca.crt"], after["ca.crt"]);
        Assert.Equal(first["ca.key"], after["ca.key"]);
        Assert.NotEqual(first["node.crt"], after["node.crt"]);
    }

    [OpensslFact]
    public void Certificates_of_two_runs_in_two_folders_do_not_trust_each_other()
    {
        var ours = _dir.File("ours");
        var theirs = _dir.File("theirs");
        Assert.Equal(0, MakeCerts(ours).ExitCode);
        Assert.Equal(0, MakeCerts(theirs).ExitCode);

        using var credentials = ClusterCredentials.Load(new NodeTlsSettings { CertificateDirectory = ours });
        using var stranger = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(theirs, "node.crt"));

        Assert.Null(ClusterCertificateValidator.Problem(credentials.Certificate, null, credentials.Authority));
        Assert.Contains("is not signed by the cluster CA",
            ClusterCertificateValidator.Problem(stranger, null, credentials.Authority));
    }

    private static ProcessRun MakeCerts(string folder, params string[] options) =>
        ProcessRun.Of(Repository.MakeCerts, [folder, .. options], Timeout);

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder).ToDictionary(
            f => Path.GetFileName(f), f => Convert.ToBase64String(File.ReadAllBytes(f)), StringComparer.Ordinal);
}
