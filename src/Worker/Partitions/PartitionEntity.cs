using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AiMass.Kernels;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Input;
using AiMass.Seed.Data;
using AiMass.Seed.Data.Storage;
using AiMass.Seed.Protocol;

namespace AiMass.Worker.Partitions;

/// <summary>
/// A partition of a job, as a child of its node's <see cref="WorkerNodeActor"/>: loads its rows once, then answers
/// each step's <see cref="PartitionCommands.ComputeStatistics"/>. The work runs on dedicated threads (the node's
/// <see cref="PartitionWorkScheduler"/>) and is piped back, so the dispatcher (and the remoting that shares the
/// thread pool) never waits on the math.
/// Requests are idempotent: a re-asked step gets the cached answer; a stale one is ignored; a request for the step
/// being computed is answered when it is done.
/// </summary>
public sealed class PartitionEntity : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _worker;
    private readonly PartitionWork _work;
    private readonly CancellationTokenSource _stopping = new();
    private PartitionEvents.StatisticsComputed? _lastAnswer;
    private (PartitionCommands.ComputeStatistics Request, IActorRef ReplyTo)? _running;
    private (PartitionCommands.ComputeStatistics Request, IActorRef ReplyTo)? _next;
    private readonly TaskScheduler? _scheduler;
    private Task<PartitionEvents.StatisticsComputed>? _task;

    /// <summary>
    /// Creates the entity; <paramref name="entityId"/> is <c>"{job}/{partition}"</c>. Its work runs on
    /// <paramref name="scheduler"/> (the node's <see cref="PartitionWorkScheduler"/>), or on a thread of its own per
    /// step when none is given. It reads only files inside <paramref name="roots"/> (null: any folder), with
    /// <paramref name="dataAccess"/> (default: as the environment configures it).
    /// </summary>
    public PartitionEntity(
        string entityId, IEStepBackend backend, TaskScheduler? scheduler = null, DataRoots? roots = null,
        DataAccessSettings? dataAccess = null)
    {
        _scheduler = scheduler;
        _worker = Cluster.Get(Context.System).SelfAddress.ToString();
        _work = new PartitionWork(backend, int.Parse(entityId[(entityId.LastIndexOf('/') + 1)..]), roots)
        {
            Access = dataAccess is null ? DataAccess.Default : DataAccess.For(dataAccess),
        };
        Receive<PartitionCommands.ComputeStatistics>(request => Handle(request, Sender));
        Receive<Finished>(OnFinished);
        Receive<PartitionCommands.ReleasePartition>(_ => Context.Stop(Self));
    }

    /// <summary>Props (see the constructor).</summary>
    public static Props Props(
        string entityId, IEStepBackend backend, TaskScheduler? scheduler = null, DataRoots? roots = null,
        DataAccessSettings? dataAccess = null) =>
        Akka.Actor.Props.Create(() => new PartitionEntity(entityId, backend, scheduler, roots, dataAccess));

    /// <summary>Stops the entity: a computation still running is cancelled, and memory and device buffers are freed
    /// once it has returned.</summary>
    protected override void PostStop()
    {
        var work = _work;
        _stopping.Cancel();
        (_task ?? Task.CompletedTask).ContinueWith(_ => work.Dispose(), TaskScheduler.Default);
    }

    private void Handle(PartitionCommands.ComputeStatistics request, IActorRef replyTo)
    {
        if (_lastAnswer is { } answer && answer.JobId == request.JobId && answer.Step == request.Step)
        {
            replyTo.Tell(answer with { Attempt = request.Attempt });
            return;
        }

        if (_running is { } running)
        {
            // The step being computed is answered when it is done; only a newer one waits behind it.
            if (request.Step > running.Request.Step && (_next is null || request.Step >= _next.Value.Request.Step))
            {
                _next = (request, replyTo);
            }

            return;
        }

        if (_lastAnswer is { } last && last.JobId == request.JobId && request.Step < last.Step)
        {
            return; // stale: a newer step was already answered
        }

        Start(request, replyTo);
    }

    private void Start(PartitionCommands.ComputeStatistics request, IActorRef replyTo)
    {
        _running = (request, replyTo);
        var log = _log;
        var work = _work;
        var token = _stopping.Token;
        var task = Task.Factory.StartNew(
            () =>
            {
                var loadMs = work.EnsureLoaded(request.Dataset);
                if (loadMs > 0)
                {
                    var megabytes = work.Rows * work.Features * sizeof(double) / 1048576.0;
                    log.Info(
                        $"job={request.JobId} partition {request.Partition} loaded: {work.Rows} rows × " +
                        $"{work.Features} features ({megabytes:F1} MB as float64) in {loadMs:F0} ms on {work.Device}");
                }

                var (statistics, ms) = work.Compute(request.Parameters, request.Precision, token);
                log.Debug($"job={request.JobId} partition {request.Partition} step {request.Step}: E-step {ms:F1} ms");
                return new PartitionEvents.StatisticsComputed(
                    request.JobId, request.Partition, request.Step, request.Attempt, statistics, ms, loadMs,
                    _worker, work.Device);
            },
            token,
            _scheduler is null ? TaskCreationOptions.LongRunning : TaskCreationOptions.None,
            _scheduler ?? TaskScheduler.Default);
        _task = task;
        task.ContinueWith(
                t => new Finished(t.IsCompletedSuccessfully ? t.Result : null, t.Exception), TaskScheduler.Default)
            .PipeTo(Self);
    }

    private void OnFinished(Finished finished)
    {
        var (request, replyTo) = _running!.Value;
        _running = null;
        _task = null;
        if (finished.Answer is { } answer)
        {
            _lastAnswer = answer;
            replyTo.Tell(answer);
        }
        else
        {
            replyTo.Tell(Failure(request, finished.Error));
        }

        if (_next is { } next)
        {
            _next = null;
            Handle(next.Request, next.ReplyTo);
        }
    }

    private PartitionEvents.StatisticsFailed Failure(PartitionCommands.ComputeStatistics request, Exception? error)
    {
        var cause = error is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : error;
        var isInput = cause is InvalidInputException and not DataAccessException { OtherNodesMayRead: true };
        var unreadable = cause is DatasetUnreadableException or DataAccessException { OtherNodesMayRead: true };
        if (!isInput)
        {
            _work.Unload(); // start clean on the next attempt
        }

        var message = SecretValues.Redact(cause?.Message ?? "");
        _log.Warning(
            "job={0} partition {1} step {2} failed: {3}", request.JobId, request.Partition, request.Step, message);
        return new PartitionEvents.StatisticsFailed(
            request.JobId, request.Partition, request.Step, request.Attempt,
            $"{message} (partition {request.Partition} on worker {_worker})", isInput, _worker, unreadable);
    }

    /// <summary>The dedicated thread's outcome, piped back to the actor.</summary>
    private sealed record Finished(PartitionEvents.StatisticsComputed? Answer, Exception? Error);
}
