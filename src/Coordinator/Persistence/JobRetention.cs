namespace AiMass.Coordinator.Persistence;

/// <summary>
/// Which finished jobs a store keeps (<c>--keep-jobs</c>, <c>--keep-days</c>): at most <paramref name="KeepJobs"/>
/// of them, newest first by the time they ended, and none that ended before <paramref name="EndedAfter"/>. Running
/// jobs are always kept.
/// </summary>
/// <param name="KeepJobs">Finished jobs kept, newest first; 0 keeps any number.</param>
/// <param name="EndedAfter">Finished jobs that ended before this are deleted; null keeps them whatever their age.
/// </param>
public sealed record JobRetention(int KeepJobs, DateTimeOffset? EndedAfter)
{
    /// <summary>The retention of <paramref name="keepJobs"/> and <paramref name="keepDays"/> (0: no limit) at
    /// <paramref name="now"/>.</summary>
    public static JobRetention Of(int keepJobs, double keepDays, DateTimeOffset now) =>
        new(Math.Max(0, keepJobs), keepDays > 0 ? now - TimeSpan.FromDays(keepDays) : null);

    /// <summary>True when this retention deletes nothing.</summary>
    public bool KeepsAll => KeepJobs == 0 && EndedAfter is null;
}
