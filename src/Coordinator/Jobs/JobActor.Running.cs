using Akka.Actor;
using Akka.Cluster;
using AiMass.Kernels.Em;
using AiMass.Seed.Protocol;
using AiMass.Seed.Transfers;

namespace AiMass.Coordinator.Jobs;

/// <summary>The running state of <see cref="JobActor"/>: a step's requests are out and its answers come in
/// (<see cref="StartStep"/>, <see cref="OnChunk"/>).</summary>
public sealed partial class JobActor
{
    private void Running()
    {
        TrackReachability();
        Receive<ClusterEvent.MemberRemoved>(OnMemberRemoved);
        Receive<PayloadChunks.Chunk>(OnChunk);
        Receive<TransferOutcomes.Delivered>(d => _requestTransfers.Remove(d.TransferId));
        Receive<TransferOutcomes.Failed>(OnTransferFailed);
        Receive<DeadlinePassed>(OnDeadline);
        Receive<PlacementDue>(_ => SendStep());
        Receive<SpeculationDue>(_ => Speculate());
        Receive<JobCommands.CancelJob>(_ => Cancel());
        WatchTheStore();
    }

    /// <summary>What a behaviour between steps does with the finished step's stragglers: late answers are
    /// acknowledged (so their senders stop) and dropped, with its timers' last messages.</summary>
    private void IgnoreTheFinishedStep()
    {
        Receive<PayloadChunks.Chunk>(c => Sender.Tell(Chunks.Accept(c).Reply));
        Receive<TransferOutcomes.Delivered>(_ => { });
        Receive<TransferOutcomes.Failed>(_ => { });
        Receive<DeadlinePassed>(_ => { });
        Receive<PlacementDue>(_ => { });
        Receive<SpeculationDue>(_ => { });
    }

    /// <summary>Drops the progress entries of the iterations auto precision discarded (they are redone).</summary>
    private static void ForgetRolledBack(List<ProgressEntry> history, int init, PrecisionRollback rollback) =>
        history.RemoveAll(e => e.Init == init && e.Iteration >= rollback.RedoneFrom);

    private sealed record DeadlinePassed(int Step);
}
