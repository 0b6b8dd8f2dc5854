using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Persistence;
using AiMass.Kernels.Em;
using AiMass.Seed.Data.Storage;
using AiMass.Kernels.Input;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// One cluster job: checks and plans it (off the dispatcher, cancellable), then drives the same <see cref="EmFit"/>
/// state machine as a local fit — each step places the partitions on the worker nodes and sends one request per node
/// down a tree, waits with a deadline, re-asks exactly the missing partitions, folds the nodes' summed answers into
/// one order-independent total (bits independent of placement and arrival order), runs the M-step off the
/// dispatcher on its own copy of the fit, checkpoints through the job's <see cref="JobStoreWriterActor"/>, and logs
/// one line per iteration. A job restored
/// from a checkpoint continues exactly where the last M-step left it. At most one background task (check, planning
/// or reduction) runs at a time; it never touches the actor's fields and hands its result back through the mailbox.
/// </summary>
public sealed partial class JobActor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _jobId;
    private readonly JobServices _services;
    private readonly IActorRef _writer;
    private readonly bool _partitionsDefaulted;
    private readonly CancellationTokenSource _cancel = new();
    private FitSpec _spec;
    private readonly List<ProgressEntry> _history = [];
    private readonly WorkerLossTracker _losses = new();
    private readonly DateTimeOffset _submitted;
    private IActorRef _replyTo;
    private DatasetLayout? _layout;
    private FitPlan? _plan;
    private EmFit? _fit;
    private DatasetRef? _dataset;
    private StepLedger? _collector;
    private Task? _work;
    private string _summary;
    private int _step;
    private long _stepStarted;
    private JobState _state = JobState.Planning;
    private string? _error;
    private bool _inputError;
    private DateTimeOffset? _finished;

    /// <summary>
    /// A job of <paramref name="spec"/> (partitions resolved) whose row only <paramref name="writer"/> writes;
    /// <paramref name="resume"/> continues a stored job, and <paramref name="replyTo"/> (a new job's submitter)
    /// hears whether it was accepted. When <paramref name="partitionsDefaulted"/>, the user gave no partition count
    /// and the one in the spec is only a suggestion that planning fits to the data
    /// (<see cref="FitPlanner.DefaultPartitions"/>).
    /// </summary>
    public JobActor(
        string jobId, FitSpec spec, JobServices services, IActorRef writer, JobCheckpoint? resume,
        IActorRef replyTo, bool partitionsDefaulted = false)
    {
        _jobId = jobId;
        _spec = spec;
        _partitionsDefaulted = partitionsDefaulted;
        _services = services;
        _writer = writer;
        _replyTo = replyTo;
        _summary = resume?.Status.Summary ?? $"{spec.Model} on {spec.Data}";
        _submitted = resume?.Status.SubmittedAt ?? DateTimeOffset.UtcNow;
        _step = resume?.Step ?? 0;
        _history.AddRange(resume?.Status.History ?? []);
        Checking(resume);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props.</summary>
    public static Props Props(
        string jobId, FitSpec spec, JobServices services, IActorRef writer, JobCheckpoint? resume,
        IActorRef replyTo, bool partitionsDefaulted = false) =>
        Akka.Actor.Props.Create(
            () => new JobActor(jobId, spec, services, writer, resume, replyTo, partitionsDefaulted));

    /// <inheritdoc />
    protected override void PreStart() =>
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(
            Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved),
            typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.ReachableMember));

    /// <summary>
    /// Stops any background work and releases the dataset — after the work in flight, which may still read it (a
    /// check's own result, never handed over, is released with it).
    /// </summary>
    protected override void PostStop()
    {
        Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        _cancel.Cancel();
        var layout = _layout;
        if (_work is not { } work)
        {
            layout?.Dispose();
            return;
        }

        work.ContinueWith(
            t =>
            {
                if (t is Task<Checked> { IsCompletedSuccessfully: true } check)
                {
                    check.Result.Layout.Dispose();
                }

                layout?.Dispose();
            },
            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private int Partitions => _spec.Partitions!.Value;

    /// <summary>
    /// Runs <paramref name="work"/> on a long-running task; its result (or failure) returns to the mailbox.
    /// </summary>
    private void RunInBackground<T>(Func<T> work, Func<T, object> success, Func<Exception, object> failure)
    {
        var task = Task.Factory.StartNew(
            work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _work = task;
        task.PipeTo(Self, success: success, failure: failure);
    }
}
