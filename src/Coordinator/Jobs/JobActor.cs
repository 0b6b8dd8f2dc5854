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
using AiMass.Seed.Serialization;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// One cluster job: plans it (off the dispatcher), then drives the same <see cref="EmFit"/> state machine as a local
/// fit — each step asks every partition entity, waits with a deadline, re-asks the missing ones, adds the
/// statistics in partition order, runs the M-step off the dispatcher, checkpoints, and logs one line per
/// iteration. A job restored from a checkpoint continues exactly where the last M-step left it.
/// </summary>
public sealed partial class JobActor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _jobId;
    private readonly JobServices _services;
    private readonly bool _partitionsDefaulted;
    private FitSpec _spec;
    private readonly List<ProgressEntry> _history = [];
    private readonly WorkerLossTracker _losses = new();
    private readonly StepMeter _meter;
    private readonly DateTimeOffset _submitted;
    private DatasetLayout? _layout;
    private EmFit? _fit;
    private DatasetRef? _dataset;
    private StepCollector? _collector;
    private string _summary;
    private int _step;
    private long _stepStarted;
    private JobState _state = JobState.Pending;
    private string? _error;
    private bool _inputError;
    private DateTimeOffset? _finished;

    /// <summary>
    /// A job of <paramref name="spec"/> (partitions resolved); <paramref name="resume"/> continues a checkpointed
    /// job, and <paramref name="replyTo"/> (a new job's submitter) hears whether planning succeeded. When
    /// <paramref name="partitionsDefaulted"/>, the user gave no partition count and the one in the spec is only a
    /// suggestion that planning fits to the data (<see cref="FitPlanner.DefaultPartitions"/>).
    /// </summary>
    public JobActor(
        string jobId, FitSpec spec, JobServices services, JobCheckpoint? resume, IActorRef replyTo,
        bool partitionsDefaulted = false)
    {
        _jobId = jobId;
        _spec = spec;
        _partitionsDefaulted = partitionsDefaulted;
        _services = services;
        _summary = resume?.Status.Summary ?? $"{spec.Model} on {spec.Data}";
        _submitted = resume?.Status.SubmittedAt ?? DateTimeOffset.UtcNow;
        _step = resume?.Step ?? 0;
        _history.AddRange(resume?.Status.History ?? []);
        _meter = new StepMeter(jobId, Seed.Metrics.AimassMetrics.For(Context.System));
        Planning(resume, replyTo);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props.</summary>
    public static Props Props(
        string jobId, FitSpec spec, JobServices services, JobCheckpoint? resume, IActorRef replyTo,
        bool partitionsDefaulted = false) =>
        Akka.Actor.Props.Create(() => new JobActor(jobId, spec, services, resume, replyTo, partitionsDefaulted));

    /// <inheritdoc />
    protected override void PreStart() =>
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(
            Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved),
            typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.ReachableMember));

    /// <inheritdoc />
    protected override void PostStop()
    {
        Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        _layout?.Dispose();
    }

    private int Partitions => _spec.Partitions!.Value;

    private void Planning(JobCheckpoint? resume, IActorRef replyTo)
    {
        var (spec, store, id, submitted) = (_spec, _services.Store, _jobId, _submitted);
        var access = DataAccess.For(_services.Settings.DataAccess);
        var suggested = _partitionsDefaulted && resume is null;
        var rootFolders = _services.Settings.DataRoots;
        Task.Factory.StartNew(
                () => Plan(id, spec, suggested, resume, store, submitted, DataRoots.Of(rootFolders), access),
                TaskCreationOptions.LongRunning)
            .ContinueWith(
                t => t.IsCompletedSuccessfully ? t.Result : (object)new PlanningFailed(t.Exception!),
                TaskScheduler.Default)
            .PipeTo(Self);
        Receive<PlannedJob>(planned =>
        {
            (_layout, _fit, _summary, _spec) = (planned.Layout, planned.Fit, planned.Summary, planned.Spec);
            _dataset = DatasetRef.From(_spec, Partitions) with { Fingerprint = planned.Layout.Fingerprint };
            Context.Parent.Tell(new JobMessages.Planned(_jobId, replyTo));
            _log.Info(resume is null
                ? $"job={_jobId} accepted: {_summary}"
                : $"job={_jobId} resumed from its checkpoint after step {_step} ({_history.Count} iterations done): " +
                  $"{_summary}");
            _state = JobState.Running;
            Become(Running);
            StartStep();
        });
        Receive<PlanningFailed>(failed =>
        {
            var (message, isInput) = Describe(failed.Error);
            Context.Parent.Tell(new JobMessages.PlanFailed(_jobId, replyTo, message, isInput));
            Fail(message, isInput);
        });
        Receive<JobCommands.CancelJob>(_ => Cancel());
        Receive<ClusterEvent.MemberRemoved>(_ => { }); // nothing was asked yet
        Receive<ClusterEvent.IReachabilityEvent>(_ => { });
    }

    /// <summary>Opens and plans the job (a <paramref name="suggested"/> partition count is first fitted to the data),
    /// and checkpoints a new one. Its files must lie inside the coordinator's data <paramref name="roots"/>.</summary>
    private static PlannedJob Plan(
        string id, FitSpec spec, bool suggested, JobCheckpoint? resume, IJobStore store, DateTimeOffset submitted,
        DataRoots roots, DataAccess access)
    {
        if (suggested)
        {
            spec = spec with
            {
                Partitions = FitPlanner.DefaultPartitions(spec, spec.Partitions!.Value, roots, access),
            };
        }

        var layout = DatasetLayout.Open(spec, spec.Partitions!.Value, access, roots);
        try
        {
            var plan = FitPlanner.Create(spec, layout.Data, layout.Weights);
            var fit = resume?.FitState is { } state
                ? EmFit.Restore(plan.Model, plan.Initial, plan.InitCount, plan.Settings, FitStateCodec.Decode(state))
                : plan.StartFit();
            var summary = $"{plan.Summary} on {layout.Data.Name} ({layout.Data.Rows} rows × {layout.Data.Features} " +
                $"features, {layout.Partitions.Count} partitions)";
            if (resume is null)
            {
                var status = new JobStatus(
                    id, JobState.Running, summary, plan.InitCount, spec.Partitions.Value, 0, null, false, submitted,
                    null, null, [], 0);
                store.Save(new JobCheckpoint(id, spec, status, 0, FitStateCodec.Encode(fit.Snapshot()), null));
            }

            return new PlannedJob(layout, fit, summary, spec);
        }
        catch
        {
            layout.Dispose();
            throw;
        }
    }

    private sealed record PlannedJob(DatasetLayout Layout, EmFit Fit, string Summary, FitSpec Spec);

    private sealed record PlanningFailed(Exception Error);
}
