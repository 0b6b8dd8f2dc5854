using Akka.Actor;
using Akka.TestKit.Xunit2;
using AiMass.Seed.Protocol;
using AiMass.Seed.Transfers;

namespace AiMass.Seed.Tests.Transfers;

/// <summary>
/// Payloads far larger than the remoting frame cross real remoting between two actor systems in acknowledged
/// chunks; lost chunks are sent again; a payload the receiver will not take fails at once with its size.
/// </summary>
public sealed class ChunkTransferTests() : TestKit(TransferNodes.Hocon(Frame))
{
    private const int Frame = 64 * 1024;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static TransferSettings Settings(int maxResends = 10, long maxPayload = 1L << 30) => new(
        ChunkBytes: Frame / 2, Window: 4, ResendInterval: TimeSpan.FromMilliseconds(300), maxResends, maxPayload);

    [Fact]
    public async Task A_payload_eighty_times_the_frame_arrives_whole_through_remoting()
    {
        var receiving = TransferNodes.Start("receiving", Frame);
        try
        {
            var payload = Bytes(5_000_000, seed: 1);
            receiving.ActorOf(Props.Create(() => new AssemblingReceiver(TestActor, 1L << 30, 0)), "receiver");
            var parent = Sys.ActorOf(Props.Create(() => new TransferParent(TestActor, Settings(10, 1L << 30))));
            var target = Sys.ActorSelection(TransferNodes.PathOf(receiving, "receiver"));

            parent.Tell(new Send(target, new Payload(payload.AsMemory(0, 1234), payload.AsMemory(1234))));

            // The sender's outcome and the receiver's hash come from different actors: in either order.
            var messages = ReceiveN(2, Wait);
            Assert.Single(messages.OfType<TransferOutcomes.Delivered>());
            Assert.Equal(Hash(payload), Assert.Single(messages.OfType<string>()));
        }
        finally
        {
            await receiving.Terminate();
        }
    }

    [Fact]
    public void Chunks_lost_on_the_way_are_sent_again_and_the_payload_arrives_once()
    {
        var payload = Bytes(300_000, seed: 2);
        var receiver = Sys.ActorOf(Props.Create(() => new AssemblingReceiver(TestActor, 1L << 30, 3)));
        var parent = Sys.ActorOf(Props.Create(() => new TransferParent(TestActor, Settings(10, 1L << 30))));

        parent.Tell(new Send(receiver, new Payload(payload)));

        var complete = FishForMessage(m => m is string s && s != "dropped", Wait);
        Assert.Equal(Hash(payload), complete);
        FishForMessage(m => m is TransferOutcomes.Delivered, Wait);
    }

    [Fact]
    public void A_payload_above_the_receivers_limit_is_refused_at_once_with_its_size_and_the_setting()
    {
        var receiver = Sys.ActorOf(Props.Create(() => new AssemblingReceiver(TestActor, 100_000, 0)));
        var parent = Sys.ActorOf(Props.Create(() => new TransferParent(TestActor, Settings(10, 1L << 30))));

        parent.Tell(new Send(receiver, new Payload(Bytes(250_000, seed: 3))));

        var failed = ExpectMsg<TransferOutcomes.Failed>(Wait);
        Assert.True(failed.Refused);
        Assert.Contains("a payload of 0.25 MB is larger than this node takes (MaxPayloadBytes 0.10 MB)", failed.Reason,
            StringComparison.Ordinal);
        Assert.Contains("AiMass__MaxPayloadBytes", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transfer_nobody_acknowledges_fails_after_its_resends()
    {
        var parent = Sys.ActorOf(Props.Create(() => new TransferParent(TestActor, Settings(2, 1L << 30))));

        parent.Tell(new Send(Sys.ActorSelection("/user/nobody-here"), new Payload(Bytes(10, seed: 4))));

        var failed = ExpectMsg<TransferOutcomes.Failed>(Wait);
        Assert.False(failed.Refused);
        Assert.StartsWith("no acknowledgement after 2 resends", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_receiver_acknowledges_copies_but_hands_out_a_payload_only_once()
    {
        var receiver = new ChunkReceiver(1000, TimeSpan.FromMinutes(1));
        var id = Guid.NewGuid();
        var first = new PayloadChunks.Chunk(id, 0, 2, 6, 0, new byte[] { 1, 2, 3 });
        var second = new PayloadChunks.Chunk(id, 1, 2, 6, 3, new byte[] { 4, 5, 6 });

        Assert.Null(receiver.Accept(first).Payload);
        Assert.Null(receiver.Accept(first).Payload);
        var (ack, payload) = receiver.Accept(second);
        var (again, none) = receiver.Accept(second);

        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, payload!.Value.ToArray());
        Assert.Equal(new PayloadChunks.ChunkReceived(id, 1), ack);
        Assert.Equal(ack, again);
        Assert.Null(none);
        Assert.Equal(0, receiver.BufferedBytes);
    }

    private static string Hash(byte[] payload) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(payload));

    private static byte[] Bytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
