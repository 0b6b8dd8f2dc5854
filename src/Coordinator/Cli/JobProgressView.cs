using AiMass.Kernels.Em;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// How <c>submit</c> and <c>watch</c> show a job while it runs: <see cref="PlainProgressView"/> (one line per
/// iteration, for pipes, logs and tests) or <see cref="LiveProgressView"/> (a table refreshed in place at a terminal).
/// </summary>
public abstract class JobProgressView
{
    /// <summary>Runs <paramref name="follow"/>, which reports to this view, inside the view's display.</summary>
    public virtual Task RunAsync(Func<Task> follow)
    {
        ArgumentNullException.ThrowIfNull(follow);
        return follow();
    }

    /// <summary>The job's state or partitions-done changed (the status carries no history).</summary>
    public abstract void StatusChanged(JobStatus status);

    /// <summary>An iteration finished; <paramref name="initCount"/> is the job's number of initialisations.</summary>
    public abstract void Iterated(ProgressEntry entry, int initCount);

    /// <summary>The lower bound's change as the CLI prints it (the first iteration's is ∞).</summary>
    public static string FormatChange(double? change) =>
        LowerBoundChange.Format(change ?? double.PositiveInfinity);

    /// <summary>A state as the CLI prints it (lower case).</summary>
    public static string FormatState(JobState state) => state.ToString().ToLowerInvariant();
}
