using Akka.Actor;
using Akka.TestKit.Xunit2;
using AiMass.Kernels.Data;
using AiMass.Kernels.Init;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Data;
using AiMass.Seed.Protocol;
using AiMass.Worker.Partitions;
using AiMass.Worker.Tests.Support;

namespace AiMass.Worker.Tests.Partitions;

public sealed class PartitionEntityTests : TestKit, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly string _dir = Directory.CreateTempSubdirectory("aimass-entity-").FullName;
    private readonly string _data;
    private readonly GaussianMixtureParameters _model;

    public PartitionEntityTests()
        : base("akka.actor.provider = cluster\nakka.remote.dot-netty.tcp.port = 0\nakka.loglevel = WARNING")
    {
        _data = Path.Combine(_dir, "x.npy");
        var random = new Random(3);
        var values = Enumerable.Range(0, 400 * 2)
            .Select(i => (i % 2 == 0 ? 5.0 : 0.0) * (i / 2 % 2) + random.NextDouble())
            .ToArray();
        using (var writer = NpyWriter.Create(_data, NpyDataType.Float64, 400, 2))
        {
            writer.WriteRows(values);
            writer.Complete();
        }

        _model = GaussianMixtureInitializer.Create(
            new RowSample(values, Enumerable.Repeat(1.0, 400).ToArray(), 2), 2, CovarianceType.Full, 1e-6,
            InitMethod.KMeansPlusPlus, seed: 0, initIndex: 0);
    }

    public new void Dispose()
    {
        base.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void A_partition_answers_with_the_statistics_of_its_own_rows()
    {
        using var backend = new CountingBackend();
        var entity = Sys.ActorOf(PartitionEntity.Props("job-a/1", backend));

        entity.Tell(Request(step: 1, attempt: 1, partitions: 4, partition: 1));

        var reply = ExpectMsg<PartitionEvents.StatisticsComputed>(Wait);
        var expected = ReferenceGaussianMixtureEStep.Compute(
            PartitionPlan.ForRows(400, 4)[1].Slice(new ArrayRowSource(ReadAll(), 2)), _model, CancellationToken.None);
        var actual = (GaussianMixtureStatistics)reply.Statistics;
        Assert.Equal(100, actual.Rows);
        Assert.Equal(expected.S2, actual.S2);
        Assert.Equal(expected.LogLikelihood, actual.LogLikelihood);
        Assert.True(reply.LoadMilliseconds > 0);
    }

    [Fact]
    public void A_re_asked_step_is_answered_from_the_cache_with_the_new_attempt()
    {
        using var backend = new CountingBackend();
        var entity = Sys.ActorOf(PartitionEntity.Props("job-b/0", backend));
        entity.Tell(Request(step: 1, attempt: 1));
        var first = ExpectMsg<PartitionEvents.StatisticsComputed>(Wait);

        entity.Tell(Request(step: 1, attempt: 2));
        var second = ExpectMsg<PartitionEvents.StatisticsComputed>(Wait);

        Assert.Equal(2, second.Attempt);
        Assert.Same(first.Statistics, second.Statistics);
        Assert.Equal(1, backend.Computations);
    }

    [Fact]
    public void A_stale_step_gets_no_answer()
    {
        using var backend = new CountingBackend();
        var entity = Sys.ActorOf(PartitionEntity.Props("job-c/0", backend));
        entity.Tell(Request(step: 2, attempt: 1));
        ExpectMsg<PartitionEvents.StatisticsComputed>(Wait);

        entity.Tell(Request(step: 1, attempt: 3));

        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        Assert.Equal(1, backend.Computations);
    }

    [Fact]
    public void A_newer_step_that_arrives_during_a_computation_is_answered_after_it()
    {
        using var gate = new ManualResetEventSlim(false);
        using var backend = new CountingBackend { Gate = gate };
        var entity = Sys.ActorOf(PartitionEntity.Props("job-d/0", backend));
        entity.Tell(Request(step: 1, attempt: 1));
        entity.Tell(Request(step: 2, attempt: 1));
        entity.Tell(Request(step: 1, attempt: 2)); // a duplicate of the running step: nothing extra

        gate.Set();

        Assert.Equal(1, ExpectMsg<PartitionEvents.StatisticsComputed>(Wait).Step);
        Assert.Equal(2, ExpectMsg<PartitionEvents.StatisticsComputed>(Wait).Step);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(2, backend.Computations);
    }

    [Fact]
    public void A_missing_data_file_is_reported_as_unreadable_on_this_node_naming_the_file()
    {
        using var backend = new CountingBackend();
        var entity = Sys.ActorOf(PartitionEntity.Props("job-e/0", backend));
        var missing = Path.Combine(_dir, "gone.npy");

        entity.Tell(new PartitionCommands.ComputeStatistics(
            "job-e", 0, 1, 1, new DatasetRef(missing, null, null, 1), _model));

        var failure = ExpectMsg<PartitionEvents.StatisticsFailed>(Wait);
        Assert.True(failure.IsDataUnreadable);
        Assert.False(failure.IsInputError);
        Assert.Contains($"data file '{missing}' does not exist", failure.Message, StringComparison.Ordinal);
        Assert.Contains("partition 0 on worker", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Releasing_a_partition_stops_it()
    {
        using var backend = new CountingBackend();
        var entity = Sys.ActorOf(PartitionEntity.Props("job-f/0", backend));
        Watch(entity);

        entity.Tell(new PartitionCommands.ReleasePartition("job-f", 0));

        ExpectTerminated(entity, Wait);
    }

    private PartitionCommands.ComputeStatistics Request(int step, int attempt, int partitions = 1, int partition = 0) =>
        new("job", partition, step, attempt, new DatasetRef(_data, null, null, partitions), _model);

    private double[] ReadAll()
    {
        using var source = new NpyRowSource(_data);
        var values = new double[400 * 2];
        source.Read(0, 400, values);
        return values;
    }
}
