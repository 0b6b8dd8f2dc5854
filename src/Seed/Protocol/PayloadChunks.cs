namespace AiMass.Seed.Protocol;

/// <summary>
/// A payload of any size between two actors, in acknowledged chunks no larger than the transfer's chunk size, so
/// that no remoting frame is large and heartbeats travel between the chunks
/// (<see cref="Seed.Transfers.ChunkSenderActor"/> sends, <see cref="Seed.Transfers.ChunkReceiver"/> reassembles).
/// </summary>
public static class PayloadChunks
{
    /// <summary>
    /// Bytes <paramref name="Offset"/> … of a payload of <paramref name="TotalBytes"/> bytes, chunk
    /// <paramref name="Index"/> of <paramref name="Count"/>. The receiver acknowledges every copy it gets with
    /// <see cref="ChunkReceived"/>; a chunk sent again is harmless.
    /// </summary>
    /// <param name="TransferId">Names the payload.</param>
    /// <param name="Index">0-based chunk index.</param>
    /// <param name="Count">Number of chunks.</param>
    /// <param name="TotalBytes">Size of the whole payload.</param>
    /// <param name="Offset">Where these bytes go in it.</param>
    /// <param name="Bytes">The chunk's bytes.</param>
    public sealed record Chunk(
        Guid TransferId, int Index, int Count, long TotalBytes, long Offset, ReadOnlyMemory<byte> Bytes)
        : IAimassMessage;

    /// <summary>
    /// The receiver has chunk <paramref name="Index"/>; or, with a <paramref name="Refusal"/>, it will not take the
    /// payload at all (too large for its <c>MaxPayloadBytes</c>, say), and the sender stops.
    /// </summary>
    /// <param name="TransferId">The payload.</param>
    /// <param name="Index">The chunk received.</param>
    /// <param name="Refusal">Why the whole payload is refused; null when accepted.</param>
    public sealed record ChunkReceived(Guid TransferId, int Index, string? Refusal = null) : IAimassMessage;
}
