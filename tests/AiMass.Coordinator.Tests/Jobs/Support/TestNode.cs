using Akka.Actor;
using Akka.Cluster;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;
using AiMass.Seed.Transfers;
using AiMass.Worker.Partitions;

namespace AiMass.Coordinator.Tests.Jobs.Support;

/// <summary>
/// Stands in for a worker node's <c>worker-node</c> actor: reassembles each step request, tells <c>observer</c> one
/// <see cref="PartitionCommands.ComputeStatistics"/> per partition asked and every release, and — while answering,
/// or when told — computes the partitions with the reference E-step over the real rows and sends the node's summed
/// answer back as one chunk, as a worker node would. It can also answer twice, with stale and early copies, fail the
/// partitions as bad input, or send a malformed answer at one step.
/// </summary>
public sealed class TestNode : ReceiveActor
{
    private readonly Dictionary<int, PartitionWork> _works = [];
    private readonly ChunkReceiver _chunks = new(1L << 30, TimeSpan.FromMinutes(1));
    private readonly List<NodeCommands.ComputeStep> _pending = [];
    private readonly string _address;
    private readonly bool _duplicating;
    private readonly int _corruptAtStep;
    private IActorRef _observer;
    private bool _answering;
    private byte[]? _previous;

    /// <summary>
    /// A node that reports to <paramref name="observer"/>. With <paramref name="duplicating"/> it answers every step
    /// twice, after the previous step's answer again and a copy claiming the next step (requests are idempotent: the
    /// job must count each partition once); at <paramref name="corruptAtStep"/> it answers with a payload one byte
    /// too long, which the job actor cannot decode.
    /// </summary>
    public TestNode(IActorRef observer, bool answering, bool duplicating, int corruptAtStep)
    {
        (_observer, _answering, _duplicating, _corruptAtStep) = (observer, answering, duplicating, corruptAtStep);
        _address = Cluster.Get(Context.System).SelfAddress.ToString();
        Receive<PayloadChunks.Chunk>(OnChunk);
        Receive<PayloadChunks.ChunkReceived>(_ => { }); // acknowledgements of the answers
        Receive<NodeCommands.ReleaseJob>(r => _observer.Tell(r));
        Receive<Reset>(Clear);
        Receive<AnswerPending>(a => AnswerAll(a.Then));
        Receive<FailPending>(f => FailAll(f.Message));
    }

    /// <summary>Props (see the constructor).</summary>
    public static Props Props(IActorRef observer, bool answering, bool duplicating = false, int corruptAtStep = 0) =>
        Akka.Actor.Props.Create(() => new TestNode(observer, answering, duplicating, corruptAtStep));

    /// <inheritdoc />
    protected override void PostStop()
    {
        foreach (var work in _works.Values)
        {
            work.Dispose();
        }
    }

    private void Clear(Reset reset)
    {
        _pending.Clear();
        (_observer, _answering) = (reset.Observer, reset.Answering);
    }

    private void OnChunk(PayloadChunks.Chunk chunk)
    {
        var (ack, payload) = _chunks.Accept(chunk);
        Sender.Tell(ack);
        if (payload is not { } bytes)
        {
            return;
        }

        var (step, _) = StepCodec.DecodeStep(bytes);
        foreach (var ask in step.Partitions)
        {
            _observer.Tell(new PartitionCommands.ComputeStatistics(
                step.JobId, ask.Partition, step.Step, ask.Attempt, step.Dataset, step.Parameters, step.Precision));
        }

        _pending.Add(step);
        if (_answering)
        {
            AnswerAll(null);
        }
    }

    private void AnswerAll(object? then)
    {
        foreach (var step in _pending)
        {
            var answer = Compute(step);
            var bytes = StepCodec.Encode(answer);
            var job = Context.ActorSelection(step.ReplyTo);
            if (step.Step == _corruptAtStep)
            {
                Send(job, [.. bytes, 0]);
                continue;
            }

            if (_duplicating)
            {
                if (_previous is { } stale)
                {
                    Send(job, stale);
                }

                Send(job, StepCodec.Encode(answer with { Step = step.Step + 1 }));
                Send(job, bytes);
            }

            Send(job, bytes);
            _previous = bytes;
            if (then is not null)
            {
                job.Tell(then, Self); // after the answer's only chunk, from the same sender: in this order
            }
        }

        _pending.Clear();
    }

    private void FailAll(string message)
    {
        foreach (var step in _pending)
        {
            var failed = step.Partitions.Select(a => new PartitionFailure(
                a.Partition, a.Attempt, PartitionFailureKind.InputError, message, _address)).ToArray();
            Send(Context.ActorSelection(step.ReplyTo), StepCodec.Encode(
                new NodeEvents.StepComputed(step.JobId, step.Step, step.RequestId, _address, [], failed, [], null)));
        }

        _pending.Clear();
    }

    private NodeEvents.StepComputed Compute(NodeCommands.ComputeStep step)
    {
        StatisticsSum? sum = null;
        var done = new List<PartitionDone>();
        foreach (var ask in step.Partitions)
        {
            if (!_works.TryGetValue(ask.Partition, out var work))
            {
                _works[ask.Partition] = work = new PartitionWork(new ReferenceBackend(), ask.Partition);
            }

            work.EnsureLoaded(step.Dataset);
            var (statistics, ms) = work.Compute(step.Parameters, step.Precision, CancellationToken.None);
            (sum ??= new StatisticsSum(statistics.Layout)).Add(statistics);
            done.Add(new PartitionDone(ask.Partition, ask.Attempt, ms, 0, _address, "reference"));
        }

        return new NodeEvents.StepComputed(step.JobId, step.Step, step.RequestId, _address, done, [], [], sum);
    }

    /// <summary>A payload small enough for one chunk, sent as one.</summary>
    private void Send(ActorSelection job, byte[] bytes) =>
        job.Tell(new PayloadChunks.Chunk(Guid.NewGuid(), 0, 1, bytes.Length, 0, bytes), Self);

    /// <summary>Report to another observer, answering or not, and forget the requests not answered.</summary>
    /// <param name="Observer">The new observer.</param>
    /// <param name="Answering">True to answer each request as it comes.</param>
    public sealed record Reset(IActorRef Observer, bool Answering);

    /// <summary>Answer the requests received so far; then tell the job <paramref name="Then"/> (if any).</summary>
    /// <param name="Then">A message for the job, after the answers.</param>
    public sealed record AnswerPending(object? Then = null);

    /// <summary>Answer the requests received so far with every partition failed as bad input.</summary>
    /// <param name="Message">The failure's message.</param>
    public sealed record FailPending(string Message);
}
