using Akka.Actor;
using AiMass.Kernels.EStep;
using AiMass.Seed.Protocol;
using AiMass.Worker.Partitions;

namespace AiMass.Coordinator.Tests.Jobs.Support;

/// <summary>
/// Stands in for the workers' partition region: tells <c>observer</c> every request it gets, and — while answering —
/// computes each step's statistics with the reference E-step over the real partition and replies to the job, as a
/// partition entity would. While not answering, the test answers (or does not) itself.
/// </summary>
public sealed class TestRegion : ReceiveActor
{
    private readonly Dictionary<int, PartitionWork> _works = [];
    private bool _answering;

    /// <summary>A region that reports to <paramref name="observer"/>.</summary>
    public TestRegion(IActorRef observer, bool answering)
    {
        _answering = answering;
        Receive<PartitionCommands.ComputeStatistics>(request =>
        {
            observer.Tell(request);
            if (_answering)
            {
                Sender.Tell(Answer(_works, request));
            }
        });
        Receive<PartitionCommands.ReleasePartition>(observer.Tell);
        Receive<Answering>(a => _answering = a.On);
    }

    /// <summary>Props.</summary>
    public static Props Props(IActorRef observer, bool answering) =>
        Akka.Actor.Props.Create(() => new TestRegion(observer, answering));

    /// <summary>The statistics a worker would send for <paramref name="request"/>.</summary>
    public static PartitionEvents.StatisticsComputed Answer(
        Dictionary<int, PartitionWork> works, PartitionCommands.ComputeStatistics request)
    {
        ArgumentNullException.ThrowIfNull(works);
        ArgumentNullException.ThrowIfNull(request);
        if (!works.TryGetValue(request.Partition, out var work))
        {
            works[request.Partition] = work = new PartitionWork(new ReferenceBackend(), request.Partition);
        }

        work.EnsureLoaded(request.Dataset);
        var (statistics, ms) = work.Compute(request.Parameters, request.Precision, CancellationToken.None);
        return new PartitionEvents.StatisticsComputed(
            request.JobId, request.Partition, request.Step, request.Attempt, statistics, ms, 0, "test-worker",
            "reference");
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        foreach (var work in _works.Values)
        {
            work.Dispose();
        }
    }

    /// <summary>Start (or stop) answering requests.</summary>
    /// <param name="On">True to answer.</param>
    public sealed record Answering(bool On);
}
