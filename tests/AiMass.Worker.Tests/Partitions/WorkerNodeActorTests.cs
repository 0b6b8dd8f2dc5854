using Akka.Actor;
using Akka.TestKit.Xunit2;
using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.Init;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Data;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;
using AiMass.Seed.Transfers;
using AiMass.Worker.Partitions;
using AiMass.Worker.Tests.Support;

namespace AiMass.Worker.Tests.Partitions;

/// <summary>A worker node's step server: one request in, one summed answer out, partitions computed once.</summary>
public sealed class WorkerNodeActorTests : TestKit, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly TransferSettings Transfers = new(64 * 1024, 4, TimeSpan.FromSeconds(1), 5, 1L << 30);
    private readonly string _dir = Directory.CreateTempSubdirectory("aimass-node-").FullName;
    private readonly string _data;
    private readonly double[] _values;
    private readonly GaussianMixtureParameters _model;

    public WorkerNodeActorTests()
        : base("akka.actor.provider = cluster\nakka.remote.dot-netty.tcp.port = 0\nakka.loglevel = WARNING")
    {
        _data = Path.Combine(_dir, "x.npy");
        var random = new Random(8);
        _values = Enumerable.Range(0, 400 * 2).Select(i => (i / 2 % 2 * 4.0) + random.NextDouble()).ToArray();
        using (var writer = NpyWriter.Create(_data, NpyDataType.Float64, 400, 2))
        {
            writer.WriteRows(_values);
            writer.Complete();
        }

        _model = GaussianMixtureInitializer.Create(
            new RowSample(_values, Enumerable.Repeat(1.0, 400).ToArray(), 2), 2, CovarianceType.Full, 1e-6,
            InitMethod.KMeansPlusPlus, seed: 0, initIndex: 0);
    }

    public new void Dispose()
    {
        base.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void A_node_answers_once_for_all_its_partitions_with_their_order_independent_sum()
    {
        using var backend = new CountingBackend();
        var node = Sys.ActorOf(WorkerNodeActor.Props(backend, Transfers), WorkerNodeActor.Name);

        Send(node, Step(1, [0, 2, 3]));
        var (answer, sum) = AwaitAnswer();

        Assert.Equal([0, 2, 3], answer.Done.Select(d => d.Partition).Order());
        Assert.Empty(answer.Failed);
        var expected = StatisticsSum.Of([Reference(0), Reference(2), Reference(3)]);
        var actual = (GaussianMixtureStatistics)StatisticsSumCodec.Decode(sum.Span).Total();
        Assert.Equal(((GaussianMixtureStatistics)expected).S2, actual.S2);
        Assert.Equal(expected.LogLikelihood, actual.LogLikelihood);
        Assert.Equal(300, actual.Rows);
        Assert.Equal(3, backend.Computations);
    }

    [Fact]
    public void A_re_ask_of_a_step_being_computed_is_answered_without_computing_again()
    {
        using var gate = new ManualResetEventSlim(false);
        using var backend = new CountingBackend { Gate = gate };
        var node = Sys.ActorOf(WorkerNodeActor.Props(backend, Transfers), WorkerNodeActor.Name);
        Send(node, Step(1, [1]));
        Send(node, Step(1, [1], requestId: 2, attempt: 2));

        gate.Set();
        var answers = new[] { AwaitAnswer().Answer, AwaitAnswer().Answer };

        Assert.Equal([1L, 2L], answers.Select(a => a.RequestId).Order());
        Assert.All(answers, a => Assert.Equal(1, Assert.Single(a.Done).Partition));
        Assert.Equal(1, backend.Computations);
    }

    [Fact]
    public void A_node_that_cannot_open_the_data_says_so_for_each_of_its_partitions()
    {
        using var backend = new CountingBackend();
        var node = Sys.ActorOf(WorkerNodeActor.Props(backend, Transfers), WorkerNodeActor.Name);

        Send(node, Step(1, [0, 1], data: Path.Combine(_dir, "missing.npy")));
        var (answer, sum) = AwaitAnswer();

        Assert.Empty(answer.Done);
        Assert.Equal(0, sum.Length);
        Assert.Equal([0, 1], answer.Failed.Select(f => f.Partition).Order());
        Assert.All(answer.Failed, f => Assert.Equal(PartitionFailureKind.DataUnreadable, f.Kind));
        Assert.All(
            answer.Failed, f => Assert.Contains("missing.npy' does not exist", f.Message, StringComparison.Ordinal));
    }

    private NodeCommands.ComputeStep Step(
        int step, int[] partitions, long requestId = 1, int attempt = 1, string? data = null) => new(
        "job", step, requestId, Akka.Serialization.Serialization.SerializedActorPath(TestActor),
        new DatasetRef(data ?? _data, null, null, 4), _model,
        partitions.Select(p => new PartitionAsk(p, attempt)).ToArray(), []);

    /// <summary>Sends a request to <paramref name="node"/> as one chunk, as a requester's transfer would.</summary>
    private void Send(IActorRef node, NodeCommands.ComputeStep step)
    {
        var payload = StepCodec.Encode(step, StepCodec.EncodeParameters(step.Parameters));
        var bytes = payload.Slice(0, (int)payload.Length);
        node.Tell(new PayloadChunks.Chunk(Guid.NewGuid(), 0, 1, bytes.Length, 0, bytes), TestActor);
    }

    /// <summary>Acknowledges and reassembles the next answer (skipping acknowledgements of our requests).</summary>
    private (NodeEvents.StepComputed Answer, ReadOnlyMemory<byte> Sum) AwaitAnswer()
    {
        var receiver = new ChunkReceiver(1L << 30, TimeSpan.FromMinutes(1));
        while (true)
        {
            var message = ExpectMsg<object>(Wait);
            if (message is not PayloadChunks.Chunk chunk)
            {
                continue;
            }

            var (ack, payload) = receiver.Accept(chunk);
            LastSender.Tell(ack);
            if (payload is { } complete)
            {
                return StepCodec.DecodeComputed(complete);
            }
        }
    }

    private GaussianMixtureStatistics Reference(int partition) =>
        ReferenceGaussianMixtureEStep.Compute(
            PartitionPlan.ForRows(400, 4)[partition].Slice(new ArrayRowSource(_values, 2)), _model,
            CancellationToken.None);
}
