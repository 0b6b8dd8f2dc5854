using System.Collections.Concurrent;
using AiMass.Coordinator.Persistence;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Tests.Jobs.Support;

/// <summary>
/// A job store that injects faults into a real one (tests only): while <see cref="FailWrites"/> is set, every save
/// fails as a full disk does (<see cref="JobStoreException"/>, asynchronously); the next <see cref="CrashNextSaves"/>
/// saves throw a non-store exception at once (a bug in the caller's eyes). Records every save attempted.
/// </summary>
public sealed class FaultyJobStore(IJobStore inner) : IJobStore
{
    private volatile bool _failWrites;
    private int _crashNextSaves;

    /// <summary>Saves fail with "database or disk is full" while set.</summary>
    public bool FailWrites
    {
        get => _failWrites;
        set => _failWrites = value;
    }

    /// <summary>How many of the next saves throw <see cref="InvalidOperationException"/> synchronously.</summary>
    public int CrashNextSaves
    {
        get => Volatile.Read(ref _crashNextSaves);
        set => Volatile.Write(ref _crashNextSaves, value);
    }

    /// <summary>Every save attempted, in order: job, state, step, and whether it failed.</summary>
    public ConcurrentQueue<(string JobId, JobState State, int Step, bool Failed)> Attempts { get; } = new();

    /// <summary>The store behind the faults.</summary>
    public IJobStore Inner => inner;

    /// <inheritdoc />
    public string Location => $"faulty {inner.Location}";

    /// <inheritdoc />
    public Task<JobSaveResult> SaveAsync(JobCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (TakeCrash())
        {
            throw new InvalidOperationException("injected: the store's driver is broken");
        }

        var failing = _failWrites;
        Attempts.Enqueue((checkpoint.JobId, checkpoint.Status.State, checkpoint.Step, failing));
        return failing
            ? Task.FromException<JobSaveResult>(new JobStoreException(
                $"The job store {Location} could not save job {checkpoint.JobId}: SQLite Error 13: 'database or disk " +
                "is full'"))
            : inner.SaveAsync(checkpoint, cancellationToken);
    }

    private bool TakeCrash()
    {
        int left;
        do
        {
            left = Volatile.Read(ref _crashNextSaves);
            if (left <= 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _crashNextSaves, left - 1, left) != left);

        return true;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobCheckpoint>> LoadAllAsync(CancellationToken cancellationToken = default) =>
        inner.LoadAllAsync(cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(jobId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> PruneAsync(
        JobRetention retention, CancellationToken cancellationToken = default) =>
        inner.PruneAsync(retention, cancellationToken);
}
