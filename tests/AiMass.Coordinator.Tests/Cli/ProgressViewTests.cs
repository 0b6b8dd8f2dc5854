using AiMass.Coordinator.Cli;
using AiMass.Coordinator.Tests.Support;
using AiMass.Seed.Protocol;
using Spectre.Console;

namespace AiMass.Coordinator.Tests.Cli;

public sealed class ProgressViewTests
{
    private const string Slowest = "slowest partition 2 (12.2 ms) on akka.tcp://aimass@127.0.0.1:4100";

    [Fact]
    public void The_plain_view_prints_state_changes_init_headers_and_one_line_per_iteration()
    {
        using var output = new StringWriter();
        var view = new PlainProgressView(output);

        view.StatusChanged(Statuses.Of(JobState.Planning, inits: 2, done: 0));
        view.StatusChanged(Statuses.Of(JobState.Running, inits: 2, done: 0));
        view.StatusChanged(Statuses.Of(JobState.Running, inits: 2, done: 3));
        view.Iterated(Statuses.Entry(1, change: null), 2);
        view.Iterated(Statuses.Entry(1, init: 1, change: -0.00125), 2);
        view.StatusChanged(Statuses.Of(JobState.Succeeded, inits: 2));

        Assert.Equal(
            [
                "job j1 planning: gmm K=3 full on /data/x.npy",
                "job j1 running: gmm K=3 full on /data/x.npy",
                "init 1/2",
                "  iter    1  lower_bound      -7.24000000  change         inf        41.5 ms  " + Slowest,
                "init 2/2",
                "  iter    1  lower_bound      -7.24000000  change  -1.250e-03        41.5 ms  " + Slowest,
            ],
            output.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task The_live_view_draws_the_latest_iterations_the_state_and_the_partitions_done()
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 120;
        var view = new LiveProgressView(console);

        await view.RunAsync(() =>
        {
            view.StatusChanged(Statuses.Of(JobState.Running, done: 4));
            for (var i = 1; i <= LiveProgressView.VisibleIterations + 3; i++)
            {
                view.Iterated(Statuses.Entry(i), 1);
            }

            view.StatusChanged(Statuses.Of(JobState.Succeeded));
            return Task.CompletedTask;
        });

        var text = output.ToString();
        var final = text[text.LastIndexOf("job j1", StringComparison.Ordinal)..];
        Assert.StartsWith("job j1 succeeded", final);
        Assert.Contains("-7.10000000", final); // iteration 15
        Assert.DoesNotContain("-7.23000000", final); // iteration 2 scrolled away
        Assert.Contains("2 (12.2 ms) on 127.0.0.1:4100", final);
        Assert.Contains("init 1/1 · iteration 15 · partitions 6/6 done", final);
    }
}
