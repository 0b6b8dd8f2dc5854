using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Remote.Transport.DotNetty;

namespace AiMass.Cluster.Tests.Security;

/// <summary>
/// A plain Akka cluster node that tries to join an AiMass cluster without a certificate of its CA: it trusts any
/// server certificate (an attacker need not be picky) and presents its own certificate, none, or no TLS at all.
/// </summary>
public sealed class IntruderNode : IAsyncDisposable
{
    private int _up;

    private IntruderNode(ActorSystem system)
    {
        System = system;
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() => Interlocked.Exchange(ref _up, 1));
    }

    /// <summary>The intruder's actor system.</summary>
    public ActorSystem System { get; }

    /// <summary>Its own address.</summary>
    public string Address => Akka.Cluster.Cluster.Get(System).SelfAddress.ToString();

    /// <summary>Whether it ever became an Up member of a cluster.</summary>
    public bool BecameUp => Volatile.Read(ref _up) == 1;

    /// <summary>
    /// Over TLS with <paramref name="certificate"/>; as a client it presents it when
    /// <paramref name="presentCertificate"/>, otherwise no client certificate at all.
    /// </summary>
    public static IntruderNode WithTls(string seed, X509Certificate2 certificate, bool presentCertificate) =>
        new(ActorSystem.Create("aimass", ActorSystemSetup.Create(
            BootstrapSetup.Create().WithConfig(Config(seed, tls: true)),
            new DotNettySslSetup(
                certificate, suppressValidation: true, requireMutualAuthentication: presentCertificate))));

    /// <summary>Over plain TCP, to the seed's port.</summary>
    public static IntruderNode WithoutTls(string seed) =>
        new(ActorSystem.Create("aimass", Config(seed, tls: false)));

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await System.Terminate().WaitAsync(TimeSpan.FromSeconds(20));

    private static Config Config(string seed, bool tls) => ConfigurationFactory.ParseString($$"""
        akka {
          loglevel = OFF
          stdout-loglevel = OFF
          actor.provider = cluster
          remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0, enable-ssl = {{(tls ? "on" : "off")}} }
          cluster { seed-nodes = ["{{seed}}"], roles = [worker] }
        }
        """);
}
