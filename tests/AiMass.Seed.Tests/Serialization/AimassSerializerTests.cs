using System.Text.Json;
using AiMass.Kernels.Em;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;

namespace AiMass.Seed.Tests.Serialization;

/// <summary>Every message type bound to <see cref="AimassSerializer"/> survives a round trip exactly.</summary>
public sealed class AimassSerializerTests : IDisposable
{
    private readonly SerializerHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void Every_message_type_of_the_serializer_has_a_round_trip_sample_here()
    {
        var sampled = MessageSamples.Control.Select(m => m.GetType())
            .Concat([
                typeof(PartitionCommands.ComputeStatistics), typeof(PartitionEvents.StatisticsComputed),
                typeof(PayloadChunks.Chunk), typeof(PayloadChunks.ChunkReceived),
            ])
            .ToHashSet();

        var missing = AimassSerializer.MessageTypes.Where(t => !sampled.Contains(t)).Select(t => t.FullName).ToArray();

        Assert.True(missing.Length == 0, $"No round-trip sample for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_control_message_comes_back_with_every_field()
    {
        foreach (var message in MessageSamples.Control)
        {
            var bytes = _harness.Serializer.ToBinary(message);
            var back = _harness.Serializer.FromBinary(bytes, _harness.Serializer.Manifest(message));

            Assert.Equal(message.GetType(), back.GetType());
            // Records with lists compare by reference; their full JSON text compares every field and element.
            Assert.Equal(
                JsonSerializer.Serialize(message, message.GetType()), JsonSerializer.Serialize(back, back.GetType()));
        }
    }

    [Fact]
    public void Records_without_lists_come_back_equal()
    {
        foreach (var message in MessageSamples.Control.Where(m => m is not (JobQueries.JobList
                     or JobQueries.JobStatusReply or WorkerEvents.WorkerAdvertised or ClusterQueries.ClusterView
                     or NodeCommands.ReleaseJob)))
        {
            var back = _harness.Serializer.FromBinary(
                _harness.Serializer.ToBinary(message), _harness.Serializer.Manifest(message));
            Assert.Equal(message, back);
        }
    }

    [Fact]
    public void ComputeStatistics_carries_every_parameters_kind_exactly()
    {
        var step = 0;
        foreach (var parameters in Payloads.AllParameters)
        {
            var message = new PartitionCommands.ComputeStatistics(
                "job-7", step % 3, ++step, 2, step % 2 == 0 ? MessageSamples.Dataset : MessageSamples.Dataset with
                {
                    SampleWeight = "/data/w.npy", Lengths = null,
                }, parameters);

            var (back, _) = _harness.RoundTrip(message);

            Assert.Equal(message with { Parameters = back.Parameters }, back);
            Same.Parameters(parameters, back.Parameters);
        }
    }

    [Fact]
    public void StatisticsComputed_carries_every_statistics_kind_exactly()
    {
        var step = 0;
        foreach (var statistics in Payloads.AllStatistics)
        {
            var message = new PartitionEvents.StatisticsComputed(
                "job-7", 1, ++step, 3, statistics, 12.25, step * 0.5, "akka.tcp://aimass@w:2", "reference");

            var (back, _) = _harness.RoundTrip(message);

            Assert.Equal(message with { Statistics = back.Statistics }, back);
            Same.Statistics(statistics, back.Statistics);
        }
    }

    [Fact]
    public void Chunks_and_their_acknowledgements_come_back_exactly()
    {
        var id = Guid.NewGuid();
        var bytes = Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray();
        var chunk = new PayloadChunks.Chunk(id, 3, 9, 1L << 33, 3L << 20, bytes.AsMemory(10, 250));

        var (back, _) = _harness.RoundTrip(chunk);

        Assert.Equal((id, 3, 9, 1L << 33, 3L << 20), (back.TransferId, back.Index, back.Count, back.TotalBytes,
            back.Offset));
        Assert.Equal(bytes[10..260], back.Bytes.ToArray());
        var received = new PayloadChunks.ChunkReceived(id, 3);
        Assert.Equal(received, _harness.RoundTrip(received).Back);
        var refused = new PayloadChunks.ChunkReceived(id, 0, "a payload of 2.00 MB is larger — refused");
        Assert.Equal(refused, _harness.RoundTrip(refused).Back);
    }

    [Fact]
    public void An_unknown_manifest_is_refused()
    {
        Assert.Throws<System.Runtime.Serialization.SerializationException>(
            () => _harness.Serializer.FromBinary([1, 2, 3], "zz"));
    }

    [Fact]
    public void A_type_outside_the_protocol_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _harness.Serializer.Manifest(new IterationRecord(1, 0, 0, 0)));
    }
}
