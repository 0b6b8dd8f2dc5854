using AiMass.Seed.Protocol;
using Spectre.Console;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// Live progress at a terminal (Spectre.Console): a table of the latest iterations — lower bound, change, time,
/// slowest partition — under the job's id and state, with the partitions done of the current step, redrawn in
/// place on every event and left on screen when the job ends.
/// </summary>
public sealed class LiveProgressView : JobProgressView
{
    /// <summary>Iterations kept on screen.</summary>
    public const int VisibleIterations = 12;

    private readonly IAnsiConsole _console;
    private readonly Table _table = new();
    private JobStatus? _status;
    private ProgressEntry? _last;
    private int _initCount = 1;
    private LiveDisplayContext? _live;

    /// <summary>A view drawn on <paramref name="console"/>.</summary>
    public LiveProgressView(IAnsiConsole console)
    {
        _console = console;
        _table.Border(TableBorder.Rounded);
        _table.AddColumn(new TableColumn("init").RightAligned());
        _table.AddColumn(new TableColumn("iter").RightAligned());
        _table.AddColumn(new TableColumn("lower bound").RightAligned());
        _table.AddColumn(new TableColumn("change").RightAligned());
        _table.AddColumn(new TableColumn("ms").RightAligned());
        _table.AddColumn(new TableColumn("slowest partition"));
        _table.Title("job (waiting for the coordinator)");
    }

    /// <inheritdoc />
    public override Task RunAsync(Func<Task> follow)
    {
        ArgumentNullException.ThrowIfNull(follow);
        return _console.Live(_table).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async context =>
        {
            _live = context;
            await follow();
            _live.Refresh();
        });
    }

    /// <inheritdoc />
    public override void StatusChanged(JobStatus status)
    {
        _status = status;
        Redraw();
    }

    /// <inheritdoc />
    public override void Iterated(ProgressEntry entry, int initCount)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _last = entry;
        _initCount = initCount;
        if (_table.Rows.Count == VisibleIterations)
        {
            _table.Rows.RemoveAt(0);
        }

        _table.AddRow(
            $"{entry.Init + 1}/{initCount}",
            entry.Iteration.ToString(System.Globalization.CultureInfo.InvariantCulture),
            entry.LowerBound.ToString("F8", System.Globalization.CultureInfo.InvariantCulture),
            FormatChange(entry.Change),
            entry.Milliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture),
            Markup.Escape(
                $"{entry.SlowestPartition} ({entry.SlowestMilliseconds:F1} ms) on {ShortWorker(entry.SlowestWorker)}"));
        Redraw();
    }

    /// <summary>host:port of an Akka address (akka.tcp://aimass@host:port), to keep the table narrow.</summary>
    private static string ShortWorker(string address) =>
        address.LastIndexOf('@') is var at and >= 0 ? address[(at + 1)..] : address;

    private void Redraw()
    {
        if (_status is { } status)
        {
            var colour = status.State switch
            {
                JobState.Succeeded => "green",
                JobState.Failed => "red",
                JobState.Cancelled or JobState.Paused => "yellow",
                _ => "blue",
            };
            _table.Title($"job {Markup.Escape(status.JobId)} [{colour}]{FormatState(status.State)}[/]");
            var init = _last is null ? "" : $"init {_last.Init + 1}/{_initCount} · iteration {_last.Iteration} · ";
            var paused = status is { State: JobState.Paused, Error: { } why } ? $"\npaused: {why}" : "";
            _table.Caption(Markup.Escape(
                $"{status.Summary}\n{init}partitions {status.PartitionsDone}/{status.PartitionsTotal} done{paused}"));
        }

        _live?.Refresh();
    }
}
