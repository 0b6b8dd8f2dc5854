using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// Plain progress: a line when the job's state changes (a pause says why), an <c>init i/n</c> line when an
/// initialisation starts (with several), and one line per iteration in the format of <c>aimass fit</c>.
/// </summary>
public sealed class PlainProgressView(TextWriter output) : JobProgressView
{
    private JobState? _state;
    private int _init = -1;

    /// <inheritdoc />
    public override void StatusChanged(JobStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.State == _state || status.IsFinal)
        {
            return; // partitions-done ticks would flood a log; the final state is the follower's to report
        }

        _state = status.State;
        var detail = status is { State: JobState.Paused, Error: { } why } ? why : status.Summary;
        output.WriteLine($"job {status.JobId} {FormatState(status.State)}: {detail}");
    }

    /// <inheritdoc />
    public override void Iterated(ProgressEntry entry, int initCount)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Init != _init && initCount > 1)
        {
            output.WriteLine($"init {entry.Init + 1}/{initCount}");
        }

        _init = entry.Init;
        output.WriteLine(
            $"  iter {entry.Iteration,4}  lower_bound {entry.LowerBound,16:F8}  " +
            $"change {FormatChange(entry.Change),11}  {entry.Milliseconds,10:F1} ms  " +
            $"slowest partition {entry.SlowestPartition} " +
            $"({entry.SlowestMilliseconds:F1} ms) on {entry.SlowestWorker}");
    }
}
