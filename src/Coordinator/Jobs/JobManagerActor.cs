using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AiMass.Seed.Metrics;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// The job manager, a cluster singleton on role <c>coordinator</c>: accepts jobs (one <see cref="JobActor"/> child
/// each), answers status and model queries from its snapshots, and keeps the workers' advertisements for the
/// cluster view.
/// </summary>
public sealed class JobManagerActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly JobServices _services;
    private readonly Dictionary<string, JobRecord> _jobs = [];
    private readonly Dictionary<string, (WorkerEvents.WorkerAdvertised Advert, DateTimeOffset Seen)> _workers = [];
    private readonly Dictionary<string, TimingQueries.StepTimings> _timings = [];
    private readonly AimassMetrics _metrics = AimassMetrics.For(Context.System);

    /// <summary>A manager whose jobs use <paramref name="services"/>.</summary>
    public JobManagerActor(JobServices services)
    {
        _services = services;
        Receive<JobCommands.SubmitJob>(Submit);
        Receive<JobMessages.Planned>(p => p.ReplyTo.Tell(new JobCommands.JobSubmitted(p.JobId)));
        Receive<Terminated>(_ => { });
        Receive<JobMessages.PlanFailed>(f => f.ReplyTo.Tell(new JobCommands.JobRejected(f.Message, f.IsInputError)));
        Receive<JobMessages.StatusChanged>(Update);
        Receive<JobCommands.CancelJob>(Cancel);
        Receive<JobQueries.GetJobs>(_ => Sender.Tell(new JobQueries.JobList(
            _jobs.Values.OrderByDescending(j => j.Status.SubmittedAt)
                .Select(j => j.Status with { History = [] })
                .ToArray())));
        Receive<JobQueries.GetJob>(Get);
        Receive<JobQueries.GetJobModel>(GetModel);
        Receive<JobMessages.StepTimed>(t => _timings[t.Timings.JobId] = t.Timings);
        Receive<TimingQueries.GetStepTimings>(get => Sender.Tell(_jobs.ContainsKey(get.JobId)
            ? _timings.GetValueOrDefault(get.JobId) ?? new TimingQueries.StepTimings(get.JobId, 0, [])
            : new JobCommands.JobNotFound(get.JobId)));
        Receive<WorkerEvents.WorkerAdvertised>(a => _workers[a.Address] = (a, DateTimeOffset.UtcNow));
        Receive<ClusterQueries.GetClusterView>(
            _ => Sender.Tell(ClusterViews.Build(Cluster.Get(Context.System), _workers)));
    }

    /// <summary>Props.</summary>
    public static Props Props(JobServices services) => Akka.Actor.Props.Create(() => new JobManagerActor(services));

    /// <summary>
    /// Restores the stored jobs: finished ones for queries, running ones resume from their checkpoint.
    /// </summary>
    protected override void PreStart()
    {
        var stored = _services.Store.LoadAll();
        _log.Info($"job store: {_services.Store.Location}, {stored.Count} job(s)");
        foreach (var checkpoint in stored)
        {
            var status = checkpoint.Status;
            if (status.IsFinal || checkpoint.FitState is null)
            {
                _jobs[checkpoint.JobId] = new JobRecord(ActorRefs.Nobody, status, checkpoint.ModelJson);
                continue;
            }

            var child = Context.ActorOf(
                JobActor.Props(checkpoint.JobId, checkpoint.Spec, _services, checkpoint, ActorRefs.Nobody),
                checkpoint.JobId);
            _jobs[checkpoint.JobId] = new JobRecord(child, status, null);
            _log.Info($"job={checkpoint.JobId} found running in the job store; resuming after step {checkpoint.Step}");
        }

        CountStates();
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
        var child = Context.ActorOf(
            JobActor.Props(id, spec, _services, null, Sender, partitionsDefaulted: submit.Spec.Partitions is null), id);
        _jobs[id] = new JobRecord(child, new JobStatus(
            id, JobState.Pending, $"{submit.Spec.Model} on {submit.Spec.Data}", submit.Spec.NInit, partitions, 0, null,
            false, DateTimeOffset.UtcNow, null, null, [], 0), null);
        CountStates();
        _log.Info("job={0} submitted: {1} on {2}, {3} partitions over {4} workers", id, submit.Spec.Model,
            submit.Spec.Data, partitions, workers);
    }

    private void Update(JobMessages.StatusChanged changed)
    {
        if (_jobs.TryGetValue(changed.Status.JobId, out var record))
        {
            if (record.Status.IsFinal && !changed.Status.IsFinal)
            {
                return; // a progress update queued before the cancellation must not undo it
            }

            _jobs[changed.Status.JobId] =
                record with { Status = changed.Status, ModelJson = changed.ModelJson ?? record.ModelJson };
            CountStates();
        }
    }

    /// <summary>Jobs by state for <c>aimass_jobs</c> (every state, 0 where none).</summary>
    private void CountStates() => _metrics.SetJobStates(Enum.GetValues<JobState>().ToDictionary(
        s => s.ToString().ToLowerInvariant(), s => _jobs.Values.Count(j => j.Status.State == s)));

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
            var status = record.Status with { State = JobState.Cancelled, FinishedAt = DateTimeOffset.UtcNow };
            _jobs[cancel.JobId] = record with { Status = status };
            CountStates();
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
    private static string NewJobId() =>
        $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Random.Shared.Next(0x1000, 0xFFFF):x4}";

    private sealed record JobRecord(IActorRef Actor, JobStatus Status, string? ModelJson);
}
