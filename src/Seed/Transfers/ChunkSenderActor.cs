using Akka.Actor;
using AiMass.Seed.Protocol;

namespace AiMass.Seed.Transfers;

/// <summary>
/// Sends one payload to <c>target</c> in chunks of <see cref="TransferSettings.ChunkBytes"/>, at most
/// <see cref="TransferSettings.Window"/> unacknowledged at a time, and resends what is unacknowledged every
/// <see cref="TransferSettings.ResendInterval"/> without progress (delivery is at most once: a chunk, or the
/// whole request, can be lost with a connection or a busy mailbox). Tells its parent
/// <see cref="TransferOutcomes.Delivered"/> or <see cref="TransferOutcomes.Failed"/>, then stops.
/// </summary>
public sealed class ChunkSenderActor : ReceiveActor, IWithTimers
{
    private readonly ICanTell _target;
    private readonly Payload _payload;
    private readonly Guid _id;
    private readonly TransferSettings _settings;
    private readonly bool[] _acked;
    private int _firstUnacked;
    private int _nextToSend;
    private int _resends;
    private bool _progressed;

    /// <summary>A transfer of <paramref name="payload"/> to <paramref name="target"/>.</summary>
    public ChunkSenderActor(ICanTell target, Payload payload, Guid id, TransferSettings settings)
    {
        _target = target;
        _payload = payload;
        _id = id;
        _settings = settings;
        _acked = new bool[settings.ChunkCount(payload.Length)];
        Receive<PayloadChunks.ChunkReceived>(OnReceived);
        Receive<ResendDue>(_ => OnResendDue());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props.</summary>
    public static Props Props(ICanTell target, Payload payload, Guid id, TransferSettings settings) =>
        Akka.Actor.Props.Create(() => new ChunkSenderActor(target, payload, id, settings));

    /// <summary>
    /// Starts a transfer of <paramref name="payload"/> to <paramref name="target"/> as a child of
    /// <paramref name="context"/>'s actor; returns its id (the parent hears the outcome under it).
    /// </summary>
    public static Guid Start(IActorContext context, ICanTell target, Payload payload, TransferSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = Guid.NewGuid();
        context.ActorOf(Props(target, payload, id, settings), $"transfer-{id:N}");
        return id;
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        SendWindow();
        Timers.StartPeriodicTimer("resend", ResendDue.Instance, _settings.ResendInterval);
    }

    private void OnReceived(PayloadChunks.ChunkReceived received)
    {
        if (received.TransferId != _id)
        {
            return;
        }

        if (received.Refusal is { } refusal)
        {
            Finish(new TransferOutcomes.Failed(_id, refusal, Refused: true));
            return;
        }

        if (received.Index < 0 || received.Index >= _acked.Length || _acked[received.Index])
        {
            return;
        }

        _acked[received.Index] = true;
        _progressed = true;
        while (_firstUnacked < _acked.Length && _acked[_firstUnacked])
        {
            _firstUnacked++;
        }

        if (_firstUnacked == _acked.Length)
        {
            Finish(new TransferOutcomes.Delivered(_id));
            return;
        }

        SendWindow();
    }

    private void OnResendDue()
    {
        if (_progressed)
        {
            _progressed = false;
            _resends = 0;
            return;
        }

        if (++_resends > _settings.MaxResends)
        {
            Finish(new TransferOutcomes.Failed(
                _id, $"no acknowledgement after {_settings.MaxResends} resends " +
                $"{_settings.ResendInterval.TotalSeconds:F0} s apart", Refused: false));
            return;
        }

        for (var i = _firstUnacked; i < _nextToSend; i++)
        {
            if (!_acked[i])
            {
                Send(i);
            }
        }
    }

    private void SendWindow()
    {
        while (_nextToSend < _acked.Length && _nextToSend < _firstUnacked + _settings.Window)
        {
            Send(_nextToSend++);
        }
    }

    private void Send(int index)
    {
        var offset = (long)index * _settings.ChunkBytes;
        var length = (int)Math.Min(_settings.ChunkBytes, _payload.Length - offset);
        _target.Tell(
            new PayloadChunks.Chunk(_id, index, _acked.Length, _payload.Length, offset, _payload.Slice(offset, length)),
            Self);
    }

    private void Finish(object outcome)
    {
        Context.Parent.Tell(outcome);
        Context.Stop(Self);
    }

    private sealed class ResendDue
    {
        public static readonly ResendDue Instance = new();
    }
}
