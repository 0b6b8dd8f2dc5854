using AiMass.Coordinator.Tests.Support;

namespace AiMass.Coordinator.Tests.Cli;

/// <summary>The worker's fault-injection option is explicit, checked, and out of the normal help.</summary>
public sealed class FaultInjectionOptionTests
{
    [Fact]
    public void The_step_delay_option_is_not_in_the_workers_help()
    {
        var run = CliRun.Of("worker", "--help").Succeeded();

        Assert.Contains("--seed-nodes", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("--fault-step-delay-ms", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_step_delay_is_refused_with_exit_code_2_before_the_node_starts()
    {
        var run = CliRun.Of(
            "worker", "--seed-nodes", "127.0.0.1:1", "--device", "cpu", "--fault-step-delay-ms", "-5");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "aimass: --fault-step-delay-ms -5 is negative; give a number of milliseconds ≥ 0.",
            Assert.Single(run.ErrorLines));
    }
}
