using System.Diagnostics;
using AiMass.Seed.Protocol;

namespace AiMass.Seed.Transfers;

/// <summary>
/// Reassembles the payloads an actor receives in chunks (not thread-safe: the owning actor calls it). Every chunk
/// is acknowledged, also a copy of one already held (its first acknowledgement may have been lost); a payload is
/// handed out once, when its last chunk arrives. Payloads larger than <c>maxPayloadBytes</c> are refused with a
/// message naming the size and the setting. Assemblies that hear nothing for <c>idleLimit</c> are dropped (their
/// sender gave up or died).
/// </summary>
public sealed class ChunkReceiver(long maxPayloadBytes, TimeSpan idleLimit)
{
    private const int Remembered = 4096;
    private readonly Dictionary<Guid, Assembly> _open = [];
    private readonly HashSet<Guid> _finished = [];
    private readonly Queue<Guid> _finishedOrder = new();

    /// <summary>Bytes held by unfinished payloads.</summary>
    public long BufferedBytes => _open.Values.Sum(a => (long)a.Buffer.Length);

    /// <summary>
    /// Takes <paramref name="chunk"/>; returns the acknowledgement to send back and, when the chunk completed its
    /// payload, the payload (a payload of one chunk is that chunk's bytes, not a copy).
    /// </summary>
    public (PayloadChunks.ChunkReceived Reply, ReadOnlyMemory<byte>? Payload) Accept(PayloadChunks.Chunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var id = chunk.TransferId;
        if (_finished.Contains(id))
        {
            return (new PayloadChunks.ChunkReceived(id, chunk.Index), null);
        }

        if (!_open.TryGetValue(id, out var assembly))
        {
            if (Refusal(chunk) is { } refusal)
            {
                Finish(id);
                return (new PayloadChunks.ChunkReceived(id, chunk.Index, refusal), null);
            }

            if (chunk is { Count: 1, Index: 0, Offset: 0 } && chunk.Bytes.Length == chunk.TotalBytes)
            {
                Finish(id);
                return (new PayloadChunks.ChunkReceived(id, 0), chunk.Bytes);
            }

            EvictIdle();
            assembly = new Assembly(new byte[chunk.TotalBytes], new bool[chunk.Count]);
            _open[id] = assembly;
        }

        var fits = chunk.Count == assembly.Received.Length && chunk.Index >= 0 && chunk.Index < chunk.Count
            && chunk.TotalBytes == assembly.Buffer.Length && chunk.Offset >= 0
            && chunk.Offset + chunk.Bytes.Length <= assembly.Buffer.Length;
        if (!fits)
        {
            throw new InvalidDataException($"Chunk {chunk.Index} of transfer {id} does not fit its payload.");
        }

        assembly.LastSeen = Stopwatch.GetTimestamp();
        if (!assembly.Received[chunk.Index])
        {
            chunk.Bytes.Span.CopyTo(assembly.Buffer.AsSpan((int)chunk.Offset));
            assembly.Received[chunk.Index] = true;
            assembly.Count++;
        }

        var ack = new PayloadChunks.ChunkReceived(id, chunk.Index);
        if (assembly.Count < assembly.Received.Length)
        {
            return (ack, null);
        }

        _open.Remove(id);
        Finish(id);
        return (ack, assembly.Buffer);
    }

    private string? Refusal(PayloadChunks.Chunk chunk)
    {
        if (chunk.TotalBytes <= maxPayloadBytes && chunk.TotalBytes <= Array.MaxLength && chunk.Count >= 1)
        {
            return null;
        }

        return $"a payload of {Megabytes(chunk.TotalBytes)} is larger than this node takes " +
            $"(MaxPayloadBytes {Megabytes(Math.Min(maxPayloadBytes, Array.MaxLength))}); raise " +
            "AiMass__MaxPayloadBytes on every node, or make the model smaller";
    }

    /// <summary>A size in MB with two decimals (for messages).</summary>
    public static string Megabytes(long bytes) => $"{bytes / 1e6:F2} MB";

    private void EvictIdle()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var (id, assembly) in _open.ToArray())
        {
            if (Stopwatch.GetElapsedTime(assembly.LastSeen, now) > idleLimit)
            {
                _open.Remove(id);
            }
        }
    }

    private void Finish(Guid id)
    {
        if (_finished.Add(id))
        {
            _finishedOrder.Enqueue(id);
        }

        while (_finishedOrder.Count > Remembered)
        {
            _finished.Remove(_finishedOrder.Dequeue());
        }
    }

    private sealed class Assembly(byte[] buffer, bool[] received)
    {
        public byte[] Buffer { get; } = buffer;

        public bool[] Received { get; } = received;

        public int Count { get; set; }

        public long LastSeen { get; set; } = Stopwatch.GetTimestamp();
    }
}
