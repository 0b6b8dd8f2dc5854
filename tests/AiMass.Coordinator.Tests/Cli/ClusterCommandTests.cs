using AiMass.Coordinator.Cli;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Tests.Cli;

public sealed class ClusterCommandTests
{
    [Fact]
    public void Partitions_are_counted_and_grouped_by_job_in_numeric_order()
    {
        Assert.Equal("0", ClusterCommand.DescribePartitions([]));
        Assert.Equal(
            "4 (job a: 2 10; job b: 0 1)",
            ClusterCommand.DescribePartitions(["a/10", "b/1", "a/2", "b/0"]));
    }

    [Fact]
    public void Only_reachable_workers_that_are_up_count_as_up()
    {
        var view = new ClusterQueries.ClusterView(
            [
                new("akka.tcp://aimass@h:1", ["seed"], "Up (reachable)", null, []),
                new("akka.tcp://aimass@h:2", ["worker"], "Up (reachable)", "reference", []),
                new("akka.tcp://aimass@h:3", ["worker"], "Up (unreachable)", "reference", []),
                new("akka.tcp://aimass@h:4", ["worker"], "Joining (reachable)", null, []),
            ],
            "akka.tcp://aimass@h:1");

        Assert.Equal(1, ClusterCommand.UpWorkers(view));
    }
}
