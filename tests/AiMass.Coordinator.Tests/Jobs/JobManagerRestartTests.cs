using Akka.Actor;
using AiMass.Coordinator.Jobs;
using AiMass.Coordinator.Persistence;
using AiMass.Coordinator.Tests.Jobs.Support;
using AiMass.Coordinator.Tests.Support;
using AiMass.Seed.Protocol;
using Xunit.Abstractions;

namespace AiMass.Coordinator.Tests.Jobs;

/// <summary>
/// A job manager stopped and a new one started over the same database (a coordinator restart, or a standby taking
/// over through PostgreSQL): a job cancelled while it ran or while it planned stays cancelled and is not resumed;
/// a failure stored once the store recovered stays a failure.
/// </summary>
public sealed class JobManagerRestartTests(ITestOutputHelper output, PostgresServer postgres)
    : JobTestKit(output), IClassFixture<PostgresServer>
{
    [Fact]
    public Task A_job_cancelled_while_running_stays_cancelled_after_a_restart_on_sqlite() =>
        CancelledStaysCancelled(() => new SqliteJobStore(Dir.File("jobs.db")), whilePlanning: false);

    [PostgresFact]
    public Task A_job_cancelled_while_running_stays_cancelled_after_a_restart_on_postgres()
    {
        var database = postgres.NewDatabase();
        return CancelledStaysCancelled(() => new PostgresJobStore(database), whilePlanning: false);
    }

    [Fact]
    public Task A_job_cancelled_while_planning_stays_cancelled_after_a_restart_on_sqlite() =>
        CancelledStaysCancelled(() => new SqliteJobStore(Dir.File("jobs.db")), whilePlanning: true);

    [PostgresFact]
    public Task A_job_cancelled_while_planning_stays_cancelled_after_a_restart_on_postgres()
    {
        var database = postgres.NewDatabase();
        return CancelledStaysCancelled(() => new PostgresJobStore(database), whilePlanning: true);
    }

    [Fact]
    public async Task A_failure_during_a_store_fault_is_stored_once_the_store_recovers_and_stays_after_a_restart()
    {
        JoinAsWorker();
        var data = JobData.Mixture(Dir.File("x.npy"), 3000, 4, 3, seed: 7);
        var store = new FaultyJobStore(new SqliteJobStore(Dir.File("jobs.db")));
        var manager = Start(store, StartNode(answering: false));
        var id = await JobManagerActorTests.Submit(manager, Spec(data, 3, 3));
        Requests(3);

        store.FailWrites = true; // a full disk
        Node.Tell(new TestNode.FailPending("x.npy: row 7 holds NaN")); // bad input: the job fails
        await AwaitAssertAsync(
            async () => Assert.Equal(JobState.Failed, (await JobManagerActorTests.Status(manager, id)).State),
            Patience);
        await AwaitConditionAsync(
            () => Task.FromResult(store.Attempts.Count(a => a.State == JobState.Failed && a.Failed) >= 2), Patience);
        var stillStored = (await store.Inner.LoadAllAsync()).Single().Status.State;
        store.FailWrites = false;
        await StoredAsync(store, id, JobState.Failed);
        await Stop(manager);
        var restarted = Start(new SqliteJobStore(Dir.File("jobs.db")), StartNode(answering: true));
        var after = await JobManagerActorTests.Status(restarted, id);

        Assert.NotEqual(JobState.Failed, stillStored); // the failure waited for the store
        Assert.Equal(JobState.Failed, after.State);
        Assert.Equal("x.npy: row 7 holds NaN", after.Error);
        Observer.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    private async Task CancelledStaysCancelled(Func<IJobStore> openStore, bool whilePlanning)
    {
        JoinAsWorker();
        var data = whilePlanning
            ? JobData.Mixture(Dir.File("big.npy"), 50_000, 8, 4, seed: 8)
            : JobData.Mixture(Dir.File("x.npy"), 3000, 4, 3, seed: 7);
        var store = openStore();
        var manager = Start(store, StartNode(answering: false));
        var id = await JobManagerActorTests.Submit(manager, Spec(data, whilePlanning ? 3000 : 3, 3));
        if (!whilePlanning)
        {
            Requests(3);
        }

        await manager.Ask<JobQueries.JobStatusReply>(new JobCommands.CancelJob(id), Patience);
        await StoredAsync(store, id, JobState.Cancelled);
        await Stop(manager);
        (store as IDisposable)?.Dispose();

        var reopened = openStore();
        var restarted = Start(reopened, StartNode(answering: true));
        var status = await JobManagerActorTests.Status(restarted, id);
        var listed = (await restarted.Ask<JobQueries.JobList>(new JobQueries.GetJobs(), Patience)).Jobs;

        Assert.Equal(JobState.Cancelled, status.State);
        Assert.Equal(JobState.Cancelled, Assert.Single(listed).State);
        Observer.ExpectNoMsg(TimeSpan.FromSeconds(2)); // nothing resumed: no partition is asked
        await Assert.ThrowsAsync<ActorNotFoundException>(
            () => Sys.ActorSelection(restarted.Path / id).ResolveOne(TimeSpan.FromSeconds(2)));
        (reopened as IDisposable)?.Dispose();
    }

    /// <summary>A manager over <paramref name="store"/>; <paramref name="node"/> (started) computes.</summary>
    private IActorRef Start(IJobStore store, IActorRef node)
    {
        Assert.False(node.IsNobody());
        return Sys.ActorOf(JobManagerActor.Props(new JobServices(Settings, store)));
    }

    private async Task Stop(IActorRef manager)
    {
        Watch(manager);
        Sys.Stop(manager);
        await ExpectTerminatedAsync(manager, Patience);
    }
}
