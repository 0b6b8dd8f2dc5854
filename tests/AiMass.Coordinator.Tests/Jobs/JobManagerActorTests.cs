using Akka.Actor;
using AiMass.Coordinator.Jobs;
using AiMass.Coordinator.Persistence;
using AiMass.Coordinator.Tests.Jobs.Support;
using AiMass.Seed.Protocol;
using Xunit.Abstractions;

namespace AiMass.Coordinator.Tests.Jobs;

/// <summary>
/// The job manager with its real children over a store that records every save: a submission is answered once the
/// header is checked, while the job plans; absurd and invalid requests are refused and never stored; a job actor
/// that throws fails its job with the exception's message (stored as final), as does a writer that throws; delete
/// and retention remove finished jobs only.
/// </summary>
public sealed class JobManagerActorTests(ITestOutputHelper output) : JobTestKit(output)
{
    [Fact]
    public async Task A_submission_is_answered_while_the_job_plans_and_a_cancel_then_stops_it()
    {
        JoinAsWorker();
        var data = JobData.Mixture(Dir.File("big.npy"), 50_000, 8, 4, seed: 8); // K = 3000: a long k-means++
        var (manager, store) = StartManager(StartNode(answering: true));

        var id = await Submit(manager, Spec(data, 3000, 2));
        var planning = await Status(manager, id);
        var cancel = await manager.Ask<JobQueries.JobStatusReply>(new JobCommands.CancelJob(id), Patience);
        await StoredAsync(store, id, JobState.Cancelled);

        Assert.Equal(JobState.Planning, planning.State);
        Assert.Equal(JobState.Cancelled, cancel.Status.State);
        Assert.Equal(JobState.Cancelled, (await Status(manager, id)).State);
        Observer.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_cancel_after_the_job_succeeded_changes_nothing_in_the_list_or_the_store()
    {
        JoinAsWorker();
        var data = JobData.Mixture(Dir.File("x.npy"), 3000, 4, 3, seed: 7);
        var (manager, store) = StartManager(StartNode(answering: true));
        var id = await Submit(manager, Spec(data, 3, 3));
        await StoredAsync(store, id, JobState.Succeeded);
        await AwaitAssertAsync(
            async () => Assert.Equal(JobState.Succeeded, (await Status(manager, id)).State), Patience);
        var writes = store.Attempts.Count;

        var reply = await manager.Ask<JobQueries.JobStatusReply>(new JobCommands.CancelJob(id), Patience);

        Assert.Equal(JobState.Succeeded, reply.Status.State);
        Assert.Equal(JobState.Succeeded, (await Status(manager, id)).State);
        Assert.NotNull((await manager.Ask<JobQueries.JobModel>(new JobQueries.GetJobModel(id), Patience)).ModelJson);
        Assert.Equal(writes, store.Attempts.Count);
        Assert.Equal(JobState.Succeeded, (await store.LoadAllAsync()).Single().Status.State);
    }

    [Fact]
    public async Task An_absurd_request_is_refused_at_once_and_leaves_nothing_in_the_store_or_the_list()
    {
        JoinAsWorker();
        var data = JobData.Mixture(Dir.File("x.npy"), 3000, 4, 3, seed: 7);
        var (manager, store) = StartManager(StartNode(answering: true));
        var bulky = new string(' ', 1_000_000) + "{\"kind\": \"gmm\"}";

        var absurd = await Reject(manager, Spec(data, 2500, 2));
        var badInit = await Reject(manager, Spec(data, 0, 2) with { InitModel = bulky, InitModelName = "big.json" });

        Assert.True(absurd.IsInputError);
        Assert.StartsWith("--k 2500 with full covariances has 37,499 free parameters, more than the 12,000 values",
            absurd.Message);
        Assert.True(badInit.IsInputError);
        Assert.Contains("big.json", badInit.Message);
        Assert.Empty((await manager.Ask<JobQueries.JobList>(new JobQueries.GetJobs(), Patience)).Jobs);
        Assert.Empty(await store.LoadAllAsync());
        Assert.Empty(store.Attempts);
    }

    [Fact]
    public async Task A_job_actor_that_throws_fails_its_job_with_the_message_and_the_failure_is_stored()
    {
        JoinAsWorker();
        var data = JobData.Mixture(Dir.File("x.npy"), 3000, 4, 3, seed: 7);
        var (manager, store) = StartManager(StartNode(answering: true, corruptAtStep: 3));

        var id = await Submit(manager, Spec(data, 3, 3));
        var row = await StoredAsync(store, id, JobState.Failed);
        var status = await Status(manager, id);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal(
            "The job's actor failed: InvalidDataException: A step answer's statistics do not end where its header " +
            "says. (a bug in AiMass; the coordinator's log has the stack trace). Submit the job again.", status.Error);
        Assert.Equal(status.Error, row.Status.Error);
        Assert.Equal(2, row.Status.IterationsTotal); // steps 1 and 2 ran; the actor was not restarted from step 0
        Assert.Single(store.Attempts, a => a.State == JobState.Planning); // planned once, never again
        Observer.FishForMessage(
            m => m is NodeCommands.ReleaseJob r && r.JobId == id && r.Partitions.Count == 0, Patience);
    }

    [Fact]
    public async Task A_writer_that_throws_fails_its_job_and_a_new_writer_stores_the_failure()
    {
        JoinAsWorker();
        var data = JobData.Mixture(Dir.File("x.npy"), 3000, 4, 3, seed: 7);
        var (manager, store) = StartManager(StartNode(answering: true));
        store.CrashNextSaves = 1; // the job's first write (its planning row) throws

        var id = await Submit(manager, Spec(data, 3, 3));
        var row = await StoredAsync(store, id, JobState.Failed);

        Assert.StartsWith(
            "The job's store writer failed: InvalidOperationException: injected: the store's driver is broken",
            row.Status.Error);
    }

    [Fact]
    public async Task A_running_job_must_be_cancelled_before_it_is_deleted_and_then_it_is_gone()
    {
        JoinAsWorker();
        var data = JobData.Mixture(Dir.File("x.npy"), 3000, 4, 3, seed: 7);
        var (manager, store) = StartManager(StartNode(answering: false));
        var id = await Submit(manager, Spec(data, 3, 3));
        Requests(3);

        var refused = await manager.Ask<object>(new JobCommands.DeleteJob(id), Patience);
        manager.Tell(new JobCommands.CancelJob(id)); // the delete right behind it waits for the final row
        var deleted = await manager.Ask<object>(new JobCommands.DeleteJob(id), Patience);

        var notDeleted = Assert.IsType<JobCommands.JobNotDeleted>(refused);
        Assert.True(notDeleted.StillRunning);
        Assert.Equal($"Job {id} is running; cancel it first ('aimass cancel {id}'), then delete it.",
            notDeleted.Message);
        Assert.Equal(new JobCommands.JobDeleted(id), deleted);
        Assert.IsType<JobCommands.JobNotFound>(await manager.Ask<object>(new JobQueries.GetJob(id), Patience));
        Assert.Empty(await store.LoadAllAsync());
        Assert.IsType<JobCommands.JobNotFound>(await manager.Ask<object>(new JobCommands.DeleteJob(id), Patience));
    }

    [Fact]
    public async Task Retention_at_start_keeps_the_newest_finished_jobs()
    {
        var inner = new MemoryJobStore();
        for (var i = 0; i < 4; i++)
        {
            await inner.SaveAsync(Persistence.JobStoreContract.Checkpoint(
                $"f{i}", i, 1, null, "{}", JobState.Succeeded, endedAfterSeconds: 10 * (i + 1)));
        }

        Settings = Settings with { KeepJobs = 2 };
        var (manager, _) = StartManager(StartNode(answering: true), inner);

        await AwaitAssertAsync(
            async () => Assert.Equal(
                ["f3", "f2"],
                (await manager.Ask<JobQueries.JobList>(new JobQueries.GetJobs(), Patience)).Jobs.Select(j => j.JobId)),
            Patience);
        Assert.Equal(["f2", "f3"], (await inner.LoadAllAsync()).Select(j => j.JobId));
    }

    [Fact]
    public async Task Retention_is_applied_again_periodically_as_jobs_finish()
    {
        JoinAsWorker();
        var inner = new MemoryJobStore();
        for (var i = 0; i < 2; i++)
        {
            await inner.SaveAsync(Persistence.JobStoreContract.Checkpoint(
                $"old{i}", i, 1, null, "{}", JobState.Succeeded, endedAfterSeconds: 10 * (i + 1)));
        }

        Settings = Settings with { KeepJobs = 2, RetentionInterval = TimeSpan.FromMilliseconds(200) };
        var data = JobData.Mixture(Dir.File("x.npy"), 3000, 4, 3, seed: 7);
        var (manager, _) = StartManager(StartNode(answering: true), inner);
        var id = await Submit(manager, Spec(data, 3, 3));

        await AwaitAssertAsync(
            async () => Assert.Equal(
                [id, "old1"],
                (await manager.Ask<JobQueries.JobList>(new JobQueries.GetJobs(), Patience)).Jobs.Select(j => j.JobId)),
            Patience);
        Assert.Equal(["old1", id], (await inner.LoadAllAsync()).Select(j => j.JobId));
    }

    /// <summary>A manager over a store that records every save; <paramref name="node"/> (started) computes.</summary>
    private (IActorRef Manager, FaultyJobStore Store) StartManager(IActorRef node, IJobStore? inner = null)
    {
        Assert.False(node.IsNobody());
        var store = new FaultyJobStore(inner ?? new MemoryJobStore());
        return (Sys.ActorOf(JobManagerActor.Props(new JobServices(Settings, store))), store);
    }

    internal static async Task<string> Submit(IActorRef manager, Seed.Jobs.FitSpec spec) =>
        Assert.IsType<JobCommands.JobSubmitted>(
            await manager.Ask<object>(new JobCommands.SubmitJob(spec), Patience)).JobId;

    private static async Task<JobCommands.JobRejected> Reject(IActorRef manager, Seed.Jobs.FitSpec spec) =>
        Assert.IsType<JobCommands.JobRejected>(await manager.Ask<object>(new JobCommands.SubmitJob(spec), Patience));

    internal static async Task<JobStatus> Status(IActorRef manager, string id) =>
        (await manager.Ask<JobQueries.JobStatusReply>(new JobQueries.GetJob(id), Patience)).Status;
}
