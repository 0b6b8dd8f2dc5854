using System.Diagnostics;
using AiMass.Coordinator.Jobs;

namespace AiMass.Coordinator.Tests.Jobs;

/// <summary>Detection-to-recovery bookkeeping of a job that loses workers.</summary>
public sealed class WorkerLossTrackerTests
{
    private static readonly long Second = Stopwatch.Frequency;

    [Fact]
    public void A_loss_is_timed_from_the_first_unreachable_mark_to_the_last_lost_partition_s_answer()
    {
        var tracker = new WorkerLossTracker();
        tracker.Answered(0, "w1", 1 * Second);
        tracker.Answered(1, "w2", 1 * Second);
        tracker.Unreachable("w2", 10 * Second);
        tracker.Unreachable("w2", 11 * Second); // later marks do not move the start

        var loss = tracker.Removed("w2", [2], 17 * Second);
        var none = tracker.Answered(2, "w1", 20 * Second);
        var done = tracker.Answered(1, "w1", 25 * Second);

        Assert.Equal([1, 2], loss.Partitions);
        Assert.Equal("became unreachable", loss.How);
        Assert.Equal(TimeSpan.FromSeconds(7), loss.ToRemoval);
        Assert.Empty(none);
        var recovery = Assert.Single(done);
        Assert.Equal(TimeSpan.FromSeconds(15), recovery.Total);
        Assert.Equal(TimeSpan.FromSeconds(8), recovery.AfterRemoval);
        Assert.Empty(tracker.Awaited());
    }

    [Fact]
    public void Without_an_unreachable_mark_a_loss_counts_from_the_worker_s_last_answer()
    {
        var tracker = new WorkerLossTracker();
        tracker.Answered(3, "w1", 2 * Second);
        tracker.Unreachable("w1", 3 * Second);
        tracker.Reachable("w1");

        var loss = tracker.Removed("w1", [], 9 * Second);

        Assert.Equal("last answered", loss.How);
        Assert.Equal(TimeSpan.FromSeconds(7), loss.ToRemoval);
        Assert.Equal([3], tracker.Awaited());
    }

    [Fact]
    public void A_worker_that_held_nothing_leaves_nothing_to_await()
    {
        var tracker = new WorkerLossTracker();

        var loss = tracker.Removed("w9", [], 5 * Second);

        Assert.Empty(loss.Partitions);
        Assert.Equal("was removed", loss.How);
        Assert.Empty(tracker.Awaited());
    }
}
