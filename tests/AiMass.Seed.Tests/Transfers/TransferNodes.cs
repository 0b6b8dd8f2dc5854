using Akka.Actor;
using Akka.Configuration;
using AiMass.Seed.Protocol;
using AiMass.Seed.Transfers;

namespace AiMass.Seed.Tests.Transfers;

/// <summary>Actor systems with remoting on 127.0.0.1 (port 0), the AiMass serializer, and a small frame.</summary>
internal static class TransferNodes
{
    public static ActorSystem Start(string name, int frameBytes) =>
        ActorSystem.Create(name, ConfigurationFactory.ParseString(Hocon(frameBytes)));

    public static string Hocon(int frameBytes) => $$"""
            akka {
              loglevel = WARNING
              actor {
                provider = remote
                serializers.aimass = "AiMass.Seed.Serialization.AimassSerializer, AiMass.Seed"
                serialization-bindings { "AiMass.Seed.Protocol.IAimassMessage, AiMass.Seed" = aimass }
              }
              remote.dot-netty.tcp {
                hostname = 127.0.0.1
                port = 0
                maximum-frame-size = {{frameBytes}}b
                send-buffer-size = {{frameBytes}}b
                receive-buffer-size = {{frameBytes}}b
              }
            }
            """;

    /// <summary>The address of <paramref name="system"/>'s actor <paramref name="name"/> (for an ActorSelection).</summary>
    public static string PathOf(ActorSystem system, string name) =>
        $"{((ExtendedActorSystem)system).Provider.DefaultAddress}/user/{name}";
}

/// <summary>Asks a <see cref="TransferParent"/> to send <paramref name="Payload"/> to <paramref name="Target"/>.</summary>
internal sealed record Send(ICanTell Target, Payload Payload);

/// <summary>Starts a transfer when told and reports its outcome to <c>probe</c>.</summary>
internal sealed class TransferParent : ReceiveActor
{
    public TransferParent(IActorRef probe, TransferSettings settings)
    {
        Receive<Send>(m => ChunkSenderActor.Start(Context, m.Target, m.Payload, settings));
        Receive<TransferOutcomes.Delivered>(probe.Tell);
        Receive<TransferOutcomes.Failed>(probe.Tell);
    }
}

/// <summary>
/// Reassembles payloads and tells <c>probe</c> the SHA-256 of each complete one (in hex); with <c>dropEvery</c> above 0 it ignores the first
/// copy of every such chunk (no acknowledgement), as a lossy link would.
/// </summary>
internal sealed class AssemblingReceiver : ReceiveActor
{
    private readonly HashSet<(Guid, int)> _dropped = [];

    public AssemblingReceiver(IActorRef probe, long maxPayloadBytes, int dropEvery)
    {
        var receiver = new ChunkReceiver(maxPayloadBytes, TimeSpan.FromMinutes(1));
        Receive<PayloadChunks.Chunk>(chunk =>
        {
            if (dropEvery > 0 && chunk.Index % dropEvery == 0 && _dropped.Add((chunk.TransferId, chunk.Index)))
            {
                probe.Tell("dropped");
                return;
            }

            var (reply, payload) = receiver.Accept(chunk);
            Sender.Tell(reply);
            if (payload is not null)
            {
                probe.Tell(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(payload.Value.Span)));
            }
        });
    }
}
