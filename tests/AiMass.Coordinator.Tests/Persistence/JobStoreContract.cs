using System.Text.Json;
using AiMass.Coordinator.Persistence;
using AiMass.Coordinator.Tests.Support;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Tests.Persistence;

/// <summary>
/// What every job store must do, checked on memory, SQLite (a file) and PostgreSQL (a throwaway server): the
/// checkpoint comes back field for field, a save replaces the job's row, jobs come back oldest first, a second
/// store on the same database sees them — and a final state is final in the store itself: no save replaces it,
/// whichever store sends it. Deletes touch finished jobs only; retention keeps the newest finished jobs.
/// </summary>
public abstract class JobStoreContract
{
    private static readonly JobState[] Finals = [JobState.Succeeded, JobState.Failed, JobState.Cancelled];

    /// <summary>A store over a new, empty database.</summary>
    protected abstract IJobStore NewStore();

    /// <summary>A second store over the database of <paramref name="first"/>.</summary>
    protected abstract IJobStore SameDatabase(IJobStore first);

    protected async Task A_checkpoint_comes_back_field_for_field()
    {
        var store = NewStore();
        var saved = Checkpoint("j1", 0, step: 7, state: [1, 2, 3, 255, 0], model: null);
        Assert.True((await store.SaveAsync(saved)).Saved);

        AssertSame(saved, Assert.Single(await store.LoadAllAsync()));
    }

    protected async Task A_save_replaces_the_job_and_a_finished_job_keeps_its_model()
    {
        var store = NewStore();
        await store.SaveAsync(Checkpoint("j1", 0, step: 3, state: [9, 9], model: null));
        var finished = Checkpoint("j1", 0, step: 12, state: null, model: "{\"weights\": [0.5, 0.5]}",
            JobState.Succeeded);
        Assert.Equal(JobSaveResult.Written, await store.SaveAsync(finished));

        AssertSame(finished, Assert.Single(await store.LoadAllAsync()));
    }

    protected async Task Jobs_come_back_oldest_first_and_another_store_on_the_database_sees_them()
    {
        var store = NewStore();
        await store.SaveAsync(Checkpoint("late", 30, step: 1, state: [1], model: null));
        await store.SaveAsync(Checkpoint("early", 10, step: 2, state: [2], model: null));
        await store.SaveAsync(Checkpoint("middle", 20, step: 3, state: [3], model: null));

        Assert.Equal(
            ["early", "middle", "late"], (await SameDatabase(store).LoadAllAsync()).Select(j => j.JobId));
    }

    protected async Task A_final_state_is_never_replaced_by_any_store_on_the_database()
    {
        foreach (var final in Finals)
        {
            var store = NewStore();
            var other = SameDatabase(store); // a second coordinator, or a stale task of the first
            var id = $"j-{final}";
            await store.SaveAsync(Checkpoint(id, 0, step: 2, state: [2], model: null));
            var ended = Checkpoint(id, 0, step: 2, state: null, model: null, final);
            Assert.True((await store.SaveAsync(ended)).Saved);

            var running = await other.SaveAsync(Checkpoint(id, 0, step: 3, state: [3], model: null));
            var planning = await store.SaveAsync(
                Checkpoint(id, 0, step: 0, state: null, model: null, JobState.Planning));
            var otherFinals = new List<JobSaveResult>();
            foreach (var another in Finals.Where(f => f != final))
            {
                otherFinals.Add(await other.SaveAsync(
                    Checkpoint(id, 0, step: 9, state: null, model: "{}", another)));
            }

            foreach (var refused in otherFinals.Prepend(planning).Prepend(running))
            {
                Assert.False(refused.Saved);
                Assert.Equal(JsonSerializer.Serialize(ended.Status), JsonSerializer.Serialize(refused.FinalInStore));
            }

            AssertSame(ended, Assert.Single(await SameDatabase(store).LoadAllAsync()));
        }
    }

    protected async Task A_finished_job_is_stored_without_its_init_model_text_and_a_running_one_with_it()
    {
        var store = NewStore();
        var init = new string('7', 100_000);
        var plain = Checkpoint("j1", 0, step: 1, state: [1], model: null);
        var running = plain with { Spec = plain.Spec with { InitModel = init, InitModelName = "big.json" } };
        await store.SaveAsync(running);
        var whileRunning = Assert.Single(await store.LoadAllAsync()).Spec;
        await store.SaveAsync(running with
        {
            Status = running.Status with
            {
                State = JobState.Failed, Error = "big.json has 3 features", FinishedAt = DateTimeOffset.UnixEpoch,
            },
            FitState = null,
        });
        var afterFailing = Assert.Single(await store.LoadAllAsync()).Spec;

        Assert.Equal(init, whileRunning.InitModel);
        Assert.Null(afterFailing.InitModel);
        Assert.Equal("big.json", afterFailing.InitModelName);
        Assert.Equal(running.Spec with { InitModel = null }, afterFailing);
    }

    protected async Task A_delete_removes_a_finished_job_only()
    {
        var store = NewStore();
        await store.SaveAsync(Checkpoint("done", 0, step: 1, state: null, model: "{}", JobState.Succeeded));
        await store.SaveAsync(Checkpoint("busy", 1, step: 1, state: [1], model: null));

        Assert.False(await store.DeleteAsync("busy"));
        Assert.False(await store.DeleteAsync("nowhere"));
        Assert.True(await store.DeleteAsync("done"));
        Assert.False(await store.DeleteAsync("done"));
        Assert.Equal(["busy"], (await SameDatabase(store).LoadAllAsync()).Select(j => j.JobId));
    }

    protected async Task Retention_keeps_the_newest_finished_jobs_and_every_running_one()
    {
        var store = NewStore();
        for (var i = 0; i < 5; i++)
        {
            // Jobs f0..f4 ended 10, 20, ... 50 s after the epoch; r0 and r1 have not ended.
            await store.SaveAsync(Checkpoint($"f{i}", i, step: 1, state: null, model: "{}", Finals[i % 3],
                endedAfterSeconds: 10 * (i + 1)));
        }

        await store.SaveAsync(Checkpoint("r0", 0, step: 1, state: [1], model: null));
        await store.SaveAsync(Checkpoint("r1", 100, step: 1, state: null, model: null, JobState.Planning));

        var byCount = await store.PruneAsync(new JobRetention(3, null));
        var byAge = await store.PruneAsync(new JobRetention(0, DateTimeOffset.UnixEpoch.AddSeconds(45)));
        var nothing = await store.PruneAsync(new JobRetention(0, null));

        Assert.Equal(["f0", "f1"], byCount.Order());
        Assert.Equal(["f2", "f3"], byAge.Order());
        Assert.Empty(nothing);
        Assert.Equal(["f4", "r0", "r1"], (await store.LoadAllAsync()).Select(j => j.JobId).Order());
    }

    /// <summary>A checkpoint of job <paramref name="id"/>; a final one ended <paramref name="endedAfterSeconds"/>
    /// after the epoch (default: 5 s after it was submitted).</summary>
    public static JobCheckpoint Checkpoint(
        string id, int secondsAfterEpoch, int step, byte[]? state, string? model,
        JobState jobState = JobState.Running, int? endedAfterSeconds = null)
    {
        var spec = new FitSpec { Data = "/data/x.npy", Components = 3, CovarianceType = "full", Partitions = 4 };
        var final = jobState is JobState.Succeeded or JobState.Failed or JobState.Cancelled;
        var status = new JobStatus(
            id, jobState, "gmm K=3 full on /data/x.npy", 1, 4, 4, null, false,
            DateTimeOffset.UnixEpoch.AddSeconds(secondsAfterEpoch),
            final ? DateTimeOffset.UnixEpoch.AddSeconds(endedAfterSeconds ?? secondsAfterEpoch + 5) : null,
            jobState == JobState.Succeeded ? true : null, [Statuses.Entry(1), Statuses.Entry(2)], step);
        return new JobCheckpoint(id, spec, status, step, state, model);
    }

    private static void AssertSame(JobCheckpoint expected, JobCheckpoint actual)
    {
        Assert.Equal(expected.JobId, actual.JobId);
        Assert.Equal(JsonSerializer.Serialize(expected.Spec), JsonSerializer.Serialize(actual.Spec));
        Assert.Equal(JsonSerializer.Serialize(expected.Status), JsonSerializer.Serialize(actual.Status));
        Assert.Equal(expected.Step, actual.Step);
        Assert.Equal(expected.FitState, actual.FitState);
        Assert.Equal(expected.ModelJson, actual.ModelJson);
    }
}
