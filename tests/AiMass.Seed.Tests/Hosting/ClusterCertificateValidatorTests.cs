using System.Net.Security;
using Akka.Event;
using AiMass.Seed.Hosting;

namespace AiMass.Seed.Tests.Hosting;

public sealed class ClusterCertificateValidatorTests
{
    [Fact]
    public void A_certificate_signed_by_the_cluster_CA_is_accepted()
    {
        using var authority = TestCertificates.Authority();
        using var node = TestCertificates.Node(authority);

        Assert.Null(ClusterCertificateValidator.Problem(node, null, authority));
        Assert.True(Accepts(authority, node, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void A_certificate_from_another_CA_with_the_same_name_is_refused()
    {
        using var authority = TestCertificates.Authority("AiMass cluster CA");
        using var impostor = TestCertificates.Authority("AiMass cluster CA");
        using var node = TestCertificates.Node(impostor);

        var problem = ClusterCertificateValidator.Problem(node, null, authority);

        Assert.NotNull(problem);
        Assert.Contains("is not signed by the cluster CA", problem);
        Assert.False(Accepts(authority, node, SslPolicyErrors.None));
    }

    [Fact]
    public void The_CA_of_another_cluster_is_refused_even_when_the_system_would_accept_the_chain()
    {
        using var authority = TestCertificates.Authority();
        using var other = TestCertificates.Authority("Other CA");
        using var node = TestCertificates.Node(other);

        // SslPolicyErrors.None: as if the peer's chain were trusted by the machine's roots.
        Assert.False(Accepts(authority, node, SslPolicyErrors.None));
    }

    [Fact]
    public void An_expired_certificate_of_the_cluster_CA_is_refused()
    {
        using var authority = TestCertificates.Authority();
        var now = DateTimeOffset.UtcNow;
        // Inside the CA's own validity (from a day ago), over an hour ago.
        using var node = TestCertificates.Node(authority, notBefore: now.AddHours(-20), notAfter: now.AddHours(-1));

        var problem = ClusterCertificateValidator.Problem(node, null, authority);

        Assert.NotNull(problem);
        Assert.Contains("NotTimeValid", problem);
    }

    [Fact]
    public void A_peer_without_a_certificate_is_refused()
    {
        using var authority = TestCertificates.Authority();
        var validate = ClusterCertificateValidator.Create(authority);

        Assert.False(validate(null, null, "peer", SslPolicyErrors.RemoteCertificateNotAvailable, NoLogger.Instance));
    }

    private static bool Accepts(
        System.Security.Cryptography.X509Certificates.X509Certificate2 authority,
        System.Security.Cryptography.X509Certificates.X509Certificate2 node, SslPolicyErrors errors) =>
        ClusterCertificateValidator.Create(authority)(node, null, "akka.ssl.tcp://aimass@127.0.0.1:1", errors,
            NoLogger.Instance);
}
