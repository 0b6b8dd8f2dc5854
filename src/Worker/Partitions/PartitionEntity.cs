using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Event;
using AiMass.Kernels;
using AiMass.Kernels.EStep;
using AiMass.Seed.Data.Storage;
using AiMass.Kernels.Input;
using AiMass.Seed.Protocol;

namespace AiMass.Worker.Partitions;

/// <summary>
/// A partition of a job, as a sharded entity <c>"{job}/{partition}"</c>: loads its rows once, then answers each
/// step's <see cref="PartitionCommands.ComputeStatistics"/>. The work runs on a dedicated thread and is piped back,
/// so the dispatcher (and the cluster heartbeats that share the thread pool) never wait on the math. Requests are
/// idempotent: a re-asked step gets the cached answer; a stale one is ignored. When sharding moves the partition
/// (rebalancing to a new worker, or a worker leaving), the entity first answers the step it is computing, so a
/// partition changes workers only between its iterations and no work is lost.
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
    private Task<PartitionEvents.StatisticsComputed>? _task;
    private bool _handingOff;
    private bool _released;

    /// <summary>Creates the entity; <paramref name="entityId"/> is <c>"{job}/{partition}"</c>; it reads only files
    /// inside <paramref name="roots"/> (null: any folder), with <paramref name="dataAccess"/> (default: as the
    /// environment configures it).</summary>
    public PartitionEntity(
        string entityId, IEStepBackend backend, DataRoots? roots = null, DataAccessSettings? dataAccess = null)
    {
        _worker = Cluster.Get(Context.System).SelfAddress.ToString();
        _work = new PartitionWork(backend, int.Parse(entityId[(entityId.LastIndexOf('/') + 1)..]), roots)
        {
            Access = dataAccess is null ? DataAccess.Default : DataAccess.For(dataAccess),
        };
        Receive<PartitionCommands.ComputeStatistics>(Handle);
        Receive<Finished>(OnFinished);
        Receive<PartitionCommands.ReleasePartition>(_ =>
        {
            _released = true;
            Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        });
        Receive<HandOff>(_ => HandOffNow());
    }

    /// <summary>Props for the shard region (see the constructor).</summary>
    public static Props Props(
        string entityId, IEStepBackend backend, DataRoots? roots = null, DataAccessSettings? dataAccess = null) =>
        Akka.Actor.Props.Create(() => new PartitionEntity(entityId, backend, roots, dataAccess));

    /// <summary>
    /// Stops the entity. A step still computing when the entity is stopped without its job having released it (its
    /// shard stopped it without the hand-off message first) runs to the end and answers the requester directly: the answer depends only on the rows and the parameters,
    /// wherever it is computed, so the job need not wait for its deadline to ask again. A released partition (the
    /// job ended) cancels its computation.
    /// </summary>
    protected override void PostStop()
    {
        var work = _work;
        if (_task is { } task && _running is { } running && !_released)
        {
            var replyTo = running.ReplyTo;
            task.ContinueWith(
                t =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        replyTo.Tell(t.Result);
                    }

                    work.Dispose();
                },
                TaskScheduler.Default);
            return;
        }

        _stopping.Cancel();
        // Free memory and device buffers once any running computation has returned.
        (_task ?? Task.CompletedTask).ContinueWith(_ => work.Dispose(), TaskScheduler.Default);
    }

    /// <summary>
    /// Sharding's hand-off stop message (see <see cref="Hosting.WorkerRole.ShardingOptions"/>): the shard is moving
    /// to another worker, and it waits for this entity to stop.
    /// </summary>
    public sealed class HandOff
    {
        /// <summary>The one instance.</summary>
        public static readonly HandOff Instance = new();

        private HandOff()
        {
        }
    }

    private void HandOffNow()
    {
        _handingOff = true;
        if (_running is null)
        {
            Context.Stop(Self);
            return;
        }

        _log.Info("job={0} partition {1} moves to another worker after it answers step {2}",
            _running.Value.Request.JobId, _running.Value.Request.Partition, _running.Value.Request.Step);
    }

    private void Handle(PartitionCommands.ComputeStatistics request)
    {
        if (_lastAnswer is { } answer && answer.JobId == request.JobId && answer.Step == request.Step)
        {
            Sender.Tell(answer with { Attempt = request.Attempt });
            return;
        }

        if (_running is { } running)
        {
            if (request.Step > running.Request.Step && (_next is null || request.Step >= _next.Value.Request.Step))
            {
                _next = (request, Sender);
            }

            return;
        }

        if (_lastAnswer is { } last && last.JobId == request.JobId && request.Step < last.Step)
        {
            return; // stale: a newer step was already answered
        }

        Start(request, Sender);
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
                log.Info($"job={request.JobId} partition {request.Partition} step {request.Step}: E-step {ms:F1} ms");
                return new PartitionEvents.StatisticsComputed(
                    request.JobId, request.Partition, request.Step, request.Attempt, statistics, ms, loadMs,
                    _worker, work.Device);
            },
            token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
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

        if (_handingOff)
        {
            // A queued newer request is dropped with the entity; the job re-asks it at its deadline.
            Context.Stop(Self);
            return;
        }

        if (_next is { } next)
        {
            _next = null;
            Handle(next.Request, next.ReplyTo);
        }
    }

    private void Handle(PartitionCommands.ComputeStatistics request, IActorRef replyTo)
    {
        if (_lastAnswer is { } answer && answer.JobId == request.JobId && answer.Step == request.Step)
        {
            replyTo.Tell(answer with { Attempt = request.Attempt });
        }
        else
        {
            Start(request, replyTo);
        }
    }

    private PartitionEvents.StatisticsFailed Failure(PartitionCommands.ComputeStatistics request, Exception? error)
    {
        var cause = error is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : error;
        var isInput = cause is InvalidInputException;
        if (!isInput)
        {
            _work.Unload(); // start clean on the next attempt
        }

        var message = SecretValues.Redact(cause?.Message ?? "");
        _log.Warning(
            "job={0} partition {1} step {2} failed: {3}", request.JobId, request.Partition, request.Step, message);
        return new PartitionEvents.StatisticsFailed(
            request.JobId, request.Partition, request.Step, request.Attempt,
            $"{message} (partition {request.Partition} on worker {_worker})", isInput, _worker);
    }

    /// <summary>The dedicated thread's outcome, piped back to the actor.</summary>
    private sealed record Finished(PartitionEvents.StatisticsComputed? Answer, Exception? Error);
}
