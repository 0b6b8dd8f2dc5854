using Akka.Actor;
using Akka.TestKit.Xunit2;
using AiMass.Cluster.Tests.Support;
using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Synthetic;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;
using AiMass.Worker.Partitions;

namespace AiMass.Cluster.Tests.Partitions;

/// <summary>A partition entity computes off its dispatcher: while an E-step is stuck, the actor answers.</summary>
public sealed class PartitionEntityTests() : TestKit(
    "akka.actor.provider = cluster\nakka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }"), IDisposable
{
    private readonly TempDirectory _dir = new();

    void IDisposable.Dispose()
    {
        _dir.Dispose();
        Shutdown();
    }

    [Fact]
    public async Task An_entity_answers_messages_while_its_E_step_is_blocked_and_replies_once_it_returns()
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 500, 4, 3, seed: 43);
        using var release = new ManualResetEventSlim();
        using var entered = new ManualResetEventSlim();
        using var backend = new GatedBackend(entered, release);
        var entity = Sys.ActorOf(PartitionEntity.Props("job-1/0", backend));
        var dataset = DatasetRef.From(new FitSpec { Data = data, Components = 3, Partitions = 2 }, 2);
        var parameters = SyntheticMixtures.Random(3, 4, CovarianceType.Full, 43);

        entity.Tell(new PartitionCommands.ComputeStatistics("job-1", 0, 1, 1, dataset, parameters), TestActor);
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)), "the E-step never started");
        // Identify is answered by the actor's own mailbox run: a handler blocked on the E-step could not answer.
        var identity = await entity.Ask<ActorIdentity>(new Identify(1), TimeSpan.FromSeconds(10));
        var answeredWhileBlocked = !release.IsSet;
        release.Set();

        Assert.Equal(entity, identity.Subject);
        Assert.True(answeredWhileBlocked);
        var reply = ExpectMsg<PartitionEvents.StatisticsComputed>(TimeSpan.FromSeconds(30));
        Assert.Equal((0, 1), (reply.Partition, reply.Step));
    }

    /// <summary>The reference E-step that signals when it starts and then waits to be released.</summary>
    private sealed class GatedBackend(ManualResetEventSlim entered, ManualResetEventSlim release) : IEStepBackend
    {
        private readonly ReferenceBackend _inner = new();

        public string Name => "gated";

        public IPartitionEStep Bind(DataPartition partition) => new Gated(_inner.Bind(partition), entered, release);

        public void Dispose() => _inner.Dispose();

        private sealed class Gated(IPartitionEStep inner, ManualResetEventSlim entered, ManualResetEventSlim release)
            : IPartitionEStep
        {
            public string Device => "gated";

            public SufficientStatistics Compute(
                ModelParameters parameters, EStepPrecision? precision, CancellationToken cancellationToken)
            {
                entered.Set();
                release.Wait(cancellationToken);
                return inner.Compute(parameters, precision, cancellationToken);
            }

            public void Dispose() => inner.Dispose();
        }
    }
}
