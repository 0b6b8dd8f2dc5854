using Akka.Actor;
using AiMass.Coordinator.Jobs;
using AiMass.Coordinator.Persistence;
using AiMass.Coordinator.Tests.Jobs.Support;
using AiMass.Seed.Protocol;
using AiMass.Worker.Partitions;
using Xunit.Abstractions;

namespace AiMass.Coordinator.Tests.Jobs;

/// <summary>
/// A job store that fails (a full disk, a lost database) pauses a job instead of failing it: the job shows paused
/// with the store's error, starts no new step, and goes on — to the fault-free model — once a write lands. Simulated
/// with a fault-injecting store, and with SQLite on a real filesystem filled to the last byte.
/// </summary>
public sealed class JobStoreFaultTests(ITestOutputHelper output) : JobTestKit(output)
{
    [Fact]
    public async Task A_failing_store_pauses_the_job_between_steps_and_it_resumes_to_the_local_model()
    {
        var data = JobData.Mixture(Dir.File("x.npy"), 3000, 4, 3, seed: 7);
        var spec = Spec(data, 3, 3, maxIter: 5);
        var store = new FaultyJobStore(new MemoryJobStore());
        StartNode(answering: false);
        StartJob("p1", spec, store);
        Answer(); // step 1
        AwaitCondition(() => store.Attempts.Any(a => a.State == JobState.Running && a.Step == 1), Patience);

        store.FailWrites = true;
        Answer(); // step 2: its checkpoint fails
        var paused = ExpectStatus(s => s.State == JobState.Paused);
        Answer(); // step 3, asked before the failure was known
        Observer.ExpectNoMsg(TimeSpan.FromSeconds(1.5)); // no step 4 while every retry fails
        var retried = store.Attempts.Count(a => a.Failed);
        store.FailWrites = false;
        ExpectStatus(s => s.State == JobState.Running);
        for (var step = 4; step <= 6; step++)
        {
            Answer();
        }

        var done = ExpectStatus(s => s.IsFinal);
        await StoredAsync(store, "p1", JobState.Succeeded);

        Assert.StartsWith(
            "The job store faulty memory (jobs do not survive this process) could not save job p1: SQLite Error 13: " +
            "'database or disk is full'; retrying in 0 s (free space on the store's disk or bring its database " +
            "back, and the job continues)", paused.Status.Error);
        Assert.True(retried >= 3, $"{retried} failed attempts");
        Assert.Equal(JobState.Succeeded, done.Status.State);
        JobActorTests.AssertLocalModel(spec, done.ModelJson!);
    }

    [SmallFilesystemFact]
    public async Task A_full_disk_under_sqlite_pauses_the_job_until_space_is_freed()
    {
        using var disk = new SmallFilesystem();
        var data = JobData.Mixture(Dir.File("x.npy"), 4000, 20, 5, seed: 9);
        var spec = Spec(data, 20, 2, maxIter: 4); // a checkpoint of K = 20 full covariances in D = 20 is ~130 kB
        var store = new FaultyJobStore(new SqliteJobStore(Path.Combine(disk.Folder, "jobs.db")));
        disk.Fill();

        StartNode(answering: true);
        StartJob("p2", spec, store);
        var paused = ExpectStatus(s => s.State == JobState.Paused);
        var whilePaused = ReceiveWhile(TimeSpan.FromSeconds(1), m => m as JobMessages.StatusChanged);
        disk.Free();
        var done = ExpectStatus(s => s.IsFinal);
        await StoredAsync(store, "p2", JobState.Succeeded);

        Assert.Contains("database or disk is full", paused.Status.Error);
        Assert.DoesNotContain(whilePaused, m => m?.Status.IsFinal == true);
        Assert.Equal(JobState.Succeeded, done.Status.State);
        JobActorTests.AssertLocalModel(spec, done.ModelJson!);
    }

    private IActorRef StartJob(string id, Seed.Jobs.FitSpec spec, IJobStore store)
    {
        var writer = Sys.ActorOf(JobStoreWriterActor.Props(id, store, Settings), $"store-{id}");
        return ChildActorOf(
            JobActor.Props(id, spec, new JobServices(Settings, store), writer, null, CreateTestProbe().Ref), id);
    }

    /// <summary>Waits for a step's three partitions to be asked and has the node answer them.</summary>
    private void Answer()
    {
        Requests(3);
        AnswerPending();
    }
}
