using Akka.Actor;
using Akka.Cluster;
using Akka.TestKit;
using AiMass.Coordinator.Jobs;
using AiMass.Coordinator.Persistence;
using AiMass.Coordinator.Tests.Support;
using AiMass.Seed.Hosting;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;
using AiMass.Worker.Partitions;
using Xunit.Abstractions;

namespace AiMass.Coordinator.Tests.Jobs.Support;

/// <summary>
/// An actor system on loopback (cluster provider, roles worker and coordinator), a <see cref="TestNode"/> whose
/// requests reach <see cref="Observer"/>, short store retries, and helpers to follow a job's status and stored row.
/// </summary>
public abstract class JobTestKit(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(Config, output), IDisposable
{
    /// <summary>How long a test waits for anything a job does.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private const string Config = """
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
        akka.cluster.roles = [worker, coordinator]
        akka.loglevel = INFO
        """;

    /// <summary>Files of the test.</summary>
    protected TempDirectory Dir { get; } = new();

    /// <summary>Settings with short store retries and no retention.</summary>
    protected NodeSettings Settings { get; set; } = new()
    {
        StepDeadline = TimeSpan.FromSeconds(60),
        FirstStepDeadline = TimeSpan.FromSeconds(60),
        StoreRetryInitial = TimeSpan.FromMilliseconds(100),
        StoreRetryMax = TimeSpan.FromMilliseconds(400),
        KeepJobs = 0,
        KeepDays = 0,
    };

    /// <summary>Gets every request the test node receives (one per partition asked) and every release.</summary>
    protected TestProbe Observer { get; private set; } = null!;

    /// <summary>The test's worker node (see <see cref="StartNode"/>).</summary>
    protected IActorRef Node { get; private set; } = ActorRefs.Nobody;

    /// <summary>
    /// Joins this system to itself as a worker and starts its <see cref="TestNode"/> (answering or not) with a new
    /// <see cref="Observer"/>; a second call resets the running node. Returns the node.
    /// </summary>
    protected IActorRef StartNode(bool answering, bool duplicating = false, int corruptAtStep = 0)
    {
        Observer = CreateTestProbe();
        if (!Node.IsNobody())
        {
            Node.Tell(new TestNode.Reset(Observer.Ref, answering));
            return Node;
        }

        JoinAsWorker();
        Node = Sys.ActorOf(
            TestNode.Props(Observer.Ref, answering, duplicating, corruptAtStep), WorkerNodeActor.Name);
        return Node;
    }

    /// <summary>Has the test node answer the requests it holds; then tell the job <paramref name="then"/>.</summary>
    protected void AnswerPending(object? then = null) => Node.Tell(new TestNode.AnswerPending(then));

    /// <summary>Joins this node to itself, so that jobs and the job manager see a worker that is up.</summary>
    protected void JoinAsWorker()
    {
        var cluster = Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        AwaitCondition(() => cluster.State.Members.Any(m => m.Status == MemberStatus.Up), Patience);
    }

    /// <summary>A GMM spec over <paramref name="data"/>.</summary>
    /// <remarks>Double precision: these tests count the steps a job asks, and <c>auto</c> redoes two of them in
    /// float64 near the end (docs/CLI.md), which is the precision tests' business, not the lifecycle's.</remarks>
    protected static FitSpec Spec(string data, int k, int partitions, int maxIter = 6) => new()
    {
        Data = data, Components = k, CovarianceType = "full", Partitions = partitions, MaxIter = maxIter, Tol = 0,
        Seed = 3, Precision = "double",
    };

    /// <summary>The next status the job actor (a child of the test actor) publishes that matches.</summary>
    protected JobMessages.StatusChanged ExpectStatus(Func<JobStatus, bool> matches) =>
        FishForMessage<JobMessages.StatusChanged>(s => matches(s.Status), Patience);

    /// <summary>The next <paramref name="count"/> partitions the node was asked (other messages are skipped).</summary>
    protected IReadOnlyList<PartitionCommands.ComputeStatistics> Requests(int count)
    {
        var requests = new List<PartitionCommands.ComputeStatistics>();
        while (requests.Count < count)
        {
            var message = Observer.ReceiveOne(Patience)
                ?? throw new TimeoutException($"the node was asked {requests.Count} of {count} partitions");
            if (message is PartitionCommands.ComputeStatistics request)
            {
                requests.Add(request);
            }
        }

        return requests;
    }

    /// <summary>Waits until the store holds job <paramref name="id"/> in <paramref name="state"/>; returns the row.
    /// </summary>
    protected static async Task<JobCheckpoint> StoredAsync(IJobStore store, string id, JobState state)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var row = (await store.LoadAllAsync()).SingleOrDefault(j => j.JobId == id);
            if (row?.Status.State == state)
            {
                return row;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"job {id} is {row?.Status.State.ToString() ?? "not stored"}, not {state}");
            }

            await Task.Delay(50);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Dir.Dispose();
        }
    }
}
