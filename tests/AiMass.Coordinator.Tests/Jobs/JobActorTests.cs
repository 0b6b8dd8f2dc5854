using Akka.Actor;
using AiMass.Coordinator.Cli;
using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Jobs;
using AiMass.Coordinator.Persistence;
using AiMass.Coordinator.Tests.Jobs.Support;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;
using AiMass.Worker.Partitions;
using Xunit.Abstractions;

namespace AiMass.Coordinator.Tests.Jobs;

/// <summary>
/// A job actor on its own (a child of the test actor, which hears what it tells the manager), with a real writer
/// over a store that records every save, and a test worker node: a job runs to the local fit's model; a cancel in each
/// state (checking, planning, running, reducing) ends it as cancelled in the store, releases its work and stops it;
/// duplicate and stale replies change nothing.
/// </summary>
public sealed class JobActorTests(ITestOutputHelper output) : JobTestKit(output)
{
    [Fact]
    public async Task A_job_is_accepted_after_its_check_then_plans_runs_and_ends_with_the_local_model()
    {
        var data = JobData.Mixture(Dir.File("x.npy"), 3000, 4, 3, seed: 7);
        var spec = Spec(data, 3, 3);
        var submitter = CreateTestProbe();
        StartNode(answering: true);
        var (_, store) = StartJob("j1", spec, replyTo: submitter.Ref);

        var accepted = ExpectMsg<JobMessages.Accepted>(Patience);
        var done = ExpectStatus(s => s.IsFinal);
        await StoredAsync(store, "j1", JobState.Succeeded);

        Assert.Equal(("j1", submitter.Ref), (accepted.JobId, accepted.ReplyTo));
        Assert.Equal(JobState.Succeeded, done.Status.State);
        AssertLocalModel(spec, done.ModelJson!);
        var written = store.Attempts.Select(a => (a.State, a.Step)).ToArray();
        Assert.Equal((JobState.Planning, 0), written[0]);
        Assert.Equal((JobState.Succeeded, 7), written[^1]); // 6 iterations and the scoring step
        Assert.True(written.Zip(written.Skip(1)).All(p => p.First.Step <= p.Second.Step), "writes out of order");
        ExpectTerminated(LastJob, Patience);
    }

    [Fact]
    public async Task A_cancel_while_checking_answers_the_submitter_stores_cancelled_and_asks_no_partition()
    {
        var data = JobData.Mixture(Dir.File("x.npy"), 3000, 4, 3, seed: 7);
        var submitter = CreateTestProbe();
        StartNode(answering: true);
        var (job, store) = StartJob("j2", Spec(data, 3, 3), replyTo: submitter.Ref);
        job.Tell(new JobCommands.CancelJob("j2"));

        var accepted = ExpectMsg<JobMessages.Accepted>(Patience);
        ExpectStatus(s => s.State == JobState.Cancelled);
        ExpectTerminated(job, Patience);
        await StoredAsync(store, "j2", JobState.Cancelled);

        Assert.Equal(submitter.Ref, accepted.ReplyTo);
        Observer.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.DoesNotContain(store.Attempts, a => a.State == JobState.Running);
    }

    [Fact]
    public async Task A_cancel_while_planning_stops_k_means_within_seconds_and_stores_cancelled()
    {
        // k-means++ for K = 3000 over 50 000 rows × 8 features takes tens of seconds on one core.
        var data = JobData.Mixture(Dir.File("big.npy"), 50_000, 8, 4, seed: 8);
        StartNode(answering: true);
        var (job, store) = StartJob("j3", Spec(data, 3000, 2));
        ExpectMsg<JobMessages.Accepted>(Patience);
        await StoredAsync(store, "j3", JobState.Planning);

        job.Tell(new JobCommands.CancelJob("j3"));
        var cancelled = DateTime.UtcNow;
        ExpectStatus(s => s.State == JobState.Cancelled);
        ExpectTerminated(job, TimeSpan.FromSeconds(20)); // it stops only once its planning task has returned
        var stopped = DateTime.UtcNow - cancelled;
        await StoredAsync(store, "j3", JobState.Cancelled);

        Assert.True(stopped < TimeSpan.FromSeconds(20), $"planning went on for {stopped.TotalSeconds:F1} s");
        Observer.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.DoesNotContain(store.Attempts, a => a.State == JobState.Running);
    }

    [Fact]
    public async Task A_cancel_while_running_releases_the_partitions_and_stores_cancelled()
    {
        var data = JobData.Mixture(Dir.File("x.npy"), 3000, 4, 3, seed: 7);
        StartNode(answering: false);
        var (job, store) = StartJob("j4", Spec(data, 3, 3));
        Requests(3);

        job.Tell(new JobCommands.CancelJob("j4"));
        ExpectStatus(s => s.State == JobState.Cancelled);
        ExpectTerminated(job, Patience);
        var row = await StoredAsync(store, "j4", JobState.Cancelled);

        var released = Observer.ExpectMsg<Seed.Protocol.NodeCommands.ReleaseJob>(Patience);
        Assert.Equal(("j4", 0), (released.JobId, released.Partitions.Count)); // all of the job's partitions
        Assert.Equal(1, row.Step);
        Assert.Null(row.FitState);
    }

    [Fact]
    public async Task A_cancel_while_reducing_drops_the_reduction_and_never_writes_running_again()
    {
        var data = JobData.Mixture(Dir.File("x.npy"), 3000, 4, 3, seed: 7);
        StartNode(answering: false);
        var (job, store) = StartJob("j5", Spec(data, 3, 3));
        Requests(3);
        AnswerPending(then: new JobCommands.CancelJob("j5")); // the cancel arrives right after the last answer

        ExpectStatus(s => s.State == JobState.Cancelled);
        ExpectTerminated(job, Patience);
        await StoredAsync(store, "j5", JobState.Cancelled);

        Assert.DoesNotContain(store.Attempts, a => a.State == JobState.Running && a.Step == 1);
        Assert.Equal(JobState.Cancelled, store.Attempts.Last().State);
    }

    [Fact]
    public void Duplicate_and_stale_replies_leave_the_model_equal_to_the_local_fit()
    {
        var data = JobData.Mixture(Dir.File("x.npy"), 3000, 4, 3, seed: 7);
        var spec = Spec(data, 3, 3, maxIter: 4);
        StartNode(answering: true, duplicating: true); // each answer twice, after stale and early copies
        StartJob("j6", spec);
        var done = ExpectStatus(s => s.IsFinal);

        Assert.Equal(JobState.Succeeded, done.Status.State);
        Assert.Equal(4, done.Status.IterationsTotal);
        AssertLocalModel(spec, done.ModelJson!);
    }

    [Fact]
    public async Task A_job_whose_row_is_already_final_in_the_store_stops_without_overwriting_it()
    {
        var data = JobData.Mixture(Dir.File("x.npy"), 3000, 4, 3, seed: 7);
        var inner = new MemoryJobStore();
        var other = Persistence.JobStoreContract.Checkpoint("j7", 0, 2, null, null, JobState.Cancelled);
        await inner.SaveAsync(other); // e.g. cancelled through another coordinator sharing the database

        StartNode(answering: true);
        var (job, store) = StartJob("j7", Spec(data, 3, 3), inner);
        ExpectMsg<JobMessages.Accepted>(Patience);
        var adopted = ExpectStatus(s => s.IsFinal);
        ExpectTerminated(job, Patience);

        Assert.Equal(JobState.Cancelled, adopted.Status.State);
        Assert.Equal(other.Status.SubmittedAt, Assert.Single(await store.LoadAllAsync()).Status.SubmittedAt);
    }

    private IActorRef LastJob { get; set; } = ActorRefs.Nobody;

    private (IActorRef Job, FaultyJobStore Store) StartJob(
        string id, FitSpec spec, IJobStore? inner = null, IActorRef? replyTo = null)
    {
        var store = new FaultyJobStore(inner ?? new MemoryJobStore());
        var writer = Sys.ActorOf(JobStoreWriterActor.Props(id, store, Settings), $"store-{id}");
        var services = new JobServices(Settings, store);
        LastJob = ChildActorOf(JobActor.Props(id, spec, services, writer, null, replyTo ?? CreateTestProbe().Ref), id);
        Watch(LastJob);
        return (LastJob, store);
    }

    /// <summary>The job's model equals <c>aimass fit</c>'s with the same spec and partitions, bit for bit.</summary>
    internal static void AssertLocalModel(FitSpec spec, string modelJson)
    {
        var local = (GaussianMixtureParameters)LocalFit.Run(
            spec, new ReferenceBackend(), new ConsoleFitObserver(TextWriter.Null, TextWriter.Null),
            CancellationToken.None).Parameters;
        var job = (GaussianMixtureParameters)ModelFile.Parse(modelJson, "the job's model");
        Assert.Equal(local.Weights.ToArray(), job.Weights.ToArray());
        Assert.Equal(local.Means.ToArray(), job.Means.ToArray());
        Assert.Equal(local.Covariances.ToArray(), job.Covariances.ToArray());
    }
}
