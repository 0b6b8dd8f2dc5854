using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AiMass.Coordinator.Persistence;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// The job manager, a cluster singleton on role <c>coordinator</c>: loads the job store at start (resuming the jobs
/// that were running or planning), accepts jobs (one <see cref="JobActor"/> and one
/// <see cref="JobStoreWriterActor"/> child each), answers status and model queries from its snapshots, deletes
/// finished jobs on request and by retention, fails a job whose actor crashes (<see cref="JobCrashStrategy"/>),
/// and keeps the workers' advertisements for the cluster view.
/// </summary>
public sealed partial class JobManagerActor : ReceiveActor, IWithUnboundedStash, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly JobServices _services;
    private readonly Dictionary<string, JobRecord> _jobs = [];
    private readonly Dictionary<string, (WorkerEvents.WorkerAdvertised Advert, DateTimeOffset Seen)> _workers = [];

    /// <summary>A manager whose jobs use <paramref name="services"/>.</summary>
    public JobManagerActor(JobServices services)
    {
        _services = services;
        Loading();
    }

    /// <inheritdoc />
    public IStash Stash { get; set; } = null!;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props.</summary>
    public static Props Props(JobServices services) => Akka.Actor.Props.Create(() => new JobManagerActor(services));

    /// <summary>Reads the job store; requests wait (stashed) until it is loaded.</summary>
    protected override void PreStart() => LoadStore();

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new JobCrashStrategy(NoteCrash);

    private void Ready()
    {
        Receive<JobCommands.SubmitJob>(Submit);
        Receive<JobMessages.Accepted>(OnAccepted);
        Receive<JobMessages.Rejected>(OnRejected);
        Receive<JobMessages.StatusChanged>(Update);
        Receive<JobCommands.CancelJob>(Cancel);
        Receive<JobQueries.GetJobs>(_ => Sender.Tell(new JobQueries.JobList(
            _jobs.Values.OrderByDescending(j => j.Status.SubmittedAt)
                .Select(j => j.Status with { History = [] })
                .ToArray())));
        Receive<JobQueries.GetJob>(Get);
        Receive<JobQueries.GetJobModel>(GetModel);
        Receive<Terminated>(OnTerminated);
        HandleDeletes();
        HandleCrashWrites();
        HandleWorkers();
    }

    private void HandleWorkers()
    {
        Receive<WorkerEvents.WorkerAdvertised>(a => _workers[a.Address] = (a, DateTimeOffset.UtcNow));
        Receive<ClusterQueries.GetClusterView>(
            _ => Sender.Tell(ClusterViews.Build(Cluster.Get(Context.System), _workers)));
    }

    private void Submit(JobCommands.SubmitJob submit)
    {
        var workers = Cluster.Get(Context.System).State.Members
            .Count(m => m.Status == MemberStatus.Up && m.HasRole("worker"));
        if (workers == 0)
        {
            Sender.Tell(new JobCommands.JobRejected(
                "No worker node is up in the cluster; start one with 'aimass worker --seed-nodes …'.", false));
            return;
        }

        var partitions = submit.Spec.Partitions ?? workers * _services.Settings.PartitionsPerWorker;
        var id = NewJobId();
        var spec = submit.Spec with { Partitions = partitions };
        var writer = StartWriter(id);
        var child = Context.Watch(Context.ActorOf(
            JobActor.Props(id, spec, _services, writer, null, Sender, submit.Spec.Partitions is null), id));
        var status = new JobStatus(
            id, JobState.Planning, $"{spec.Model} on {spec.Data}", spec.NInit, partitions, 0, null, false,
            DateTimeOffset.UtcNow, null, null, [], 0);
        _jobs[id] = new JobRecord(child, writer, status, null, spec, Sender);
        _log.Info("job={0} submitted: {1} on {2}, {3} partitions over {4} workers", id, spec.Model, spec.Data,
            partitions, workers);
    }

    private void OnAccepted(JobMessages.Accepted accepted)
    {
        accepted.ReplyTo.Tell(new JobCommands.JobSubmitted(accepted.JobId));
        if (_jobs.TryGetValue(accepted.JobId, out var record))
        {
            _jobs[accepted.JobId] = record with { ReplyTo = ActorRefs.Nobody };
        }
    }

    private void OnRejected(JobMessages.Rejected rejected)
    {
        rejected.ReplyTo.Tell(new JobCommands.JobRejected(rejected.Message, rejected.IsInputError));
        if (_jobs.Remove(rejected.JobId, out var record))
        {
            Context.Stop(record.Writer); // it never wrote: a rejected submission is not stored
        }
    }

    private void Update(JobMessages.StatusChanged changed)
    {
        if (_jobs.TryGetValue(changed.Status.JobId, out var record))
        {
            if (record.Status.IsFinal && !changed.Status.IsFinal)
            {
                return; // a progress update queued before the cancellation must not undo it
            }

            _jobs[changed.Status.JobId] = record with
            {
                Status = changed.Status,
                ModelJson = changed.ModelJson ?? record.ModelJson,
                Spec = changed.Status.IsFinal ? JobRows.Slim(record.Spec) : record.Spec, // no --init text kept
            };
        }
    }

    private void Cancel(JobCommands.CancelJob cancel)
    {
        if (!_jobs.TryGetValue(cancel.JobId, out var record))
        {
            Sender.Tell(new JobCommands.JobNotFound(cancel.JobId));
            return;
        }

        if (!record.Status.IsFinal)
        {
            record.Actor.Tell(cancel);
            var status = record.Status with
            {
                State = JobState.Cancelled, Error = null, FinishedAt = DateTimeOffset.UtcNow,
            };
            _jobs[cancel.JobId] = record with { Status = status };
        }

        Sender.Tell(new JobQueries.JobStatusReply(_jobs[cancel.JobId].Status with { History = [] }));
    }

    private void Get(JobQueries.GetJob get)
    {
        if (!_jobs.TryGetValue(get.JobId, out var record))
        {
            Sender.Tell(new JobCommands.JobNotFound(get.JobId));
            return;
        }

        var history = record.Status.History;
        var since = Math.Clamp(get.SinceIteration, 0, history.Count);
        Sender.Tell(new JobQueries.JobStatusReply(record.Status with { History = history.Skip(since).ToArray() }));
    }

    private void GetModel(JobQueries.GetJobModel get)
    {
        if (!_jobs.TryGetValue(get.JobId, out var record))
        {
            Sender.Tell(new JobCommands.JobNotFound(get.JobId));
            return;
        }

        var problem = record.ModelJson is not null ? null : record.Status.State switch
        {
            JobState.Failed => $"Job {get.JobId} failed: {record.Status.Error}",
            JobState.Cancelled => $"Job {get.JobId} was cancelled.",
            _ => $"Job {get.JobId} is still {record.Status.State.ToString().ToLowerInvariant()}.",
        };
        Sender.Tell(new JobQueries.JobModel(get.JobId, record.ModelJson, problem));
    }

    /// <summary>A short, sortable, unique job id: UTC time plus random hex.</summary>
    private string NewJobId()
    {
        string id;
        do
        {
            id = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Random.Shared.Next(0x1000, 0xFFFF):x4}";
        }
        while (_jobs.ContainsKey(id));

        return id;
    }

    /// <summary>What the manager knows of a job.</summary>
    /// <param name="Actor">Its job actor, or Nobody once it stopped.</param>
    /// <param name="Writer">Its store writer, or Nobody once it stopped.</param>
    /// <param name="Status">The latest status.</param>
    /// <param name="ModelJson">The model, once succeeded.</param>
    /// <param name="Spec">The job as submitted (partitions resolved).</param>
    /// <param name="ReplyTo">The submitter, until the job is accepted or rejected.</param>
    private sealed record JobRecord(
        IActorRef Actor, IActorRef Writer, JobStatus Status, string? ModelJson, FitSpec Spec, IActorRef ReplyTo)
    {
        /// <summary>Neither its actor nor its writer runs: nothing more will be written for the job.</summary>
        public bool Settled => Actor.IsNobody() && Writer.IsNobody();
    }
}
