using System.Buffers.Binary;
using System.Text;
using AiMass.Seed.Protocol;

namespace AiMass.Seed.Serialization;

/// <summary>
/// Binary form of <see cref="PayloadChunks"/> messages: a fixed header, then the chunk's bytes as they are (a
/// received chunk is a view of the remoting buffer, not a copy).
/// </summary>
public static class ChunkCodec
{
    private const int ChunkHeader = 16 + 4 + 4 + 8 + 8 + 4;

    /// <summary>A chunk as bytes: transfer id, index, count, total bytes, offset, length, bytes.</summary>
    public static byte[] Write(PayloadChunks.Chunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var bytes = new byte[ChunkHeader + chunk.Bytes.Length];
        var span = bytes.AsSpan();
        chunk.TransferId.TryWriteBytes(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], chunk.Index);
        BinaryPrimitives.WriteInt32LittleEndian(span[20..], chunk.Count);
        BinaryPrimitives.WriteInt64LittleEndian(span[24..], chunk.TotalBytes);
        BinaryPrimitives.WriteInt64LittleEndian(span[32..], chunk.Offset);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], chunk.Bytes.Length);
        chunk.Bytes.Span.CopyTo(span[ChunkHeader..]);
        return bytes;
    }

    /// <summary>Reads what <see cref="Write(PayloadChunks.Chunk)"/> wrote.</summary>
    public static PayloadChunks.Chunk ReadChunk(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < ChunkHeader)
        {
            throw new InvalidDataException("A chunk message is shorter than its header.");
        }

        var span = bytes.AsSpan();
        var length = BinaryPrimitives.ReadInt32LittleEndian(span[40..]);
        if (length != bytes.Length - ChunkHeader)
        {
            throw new InvalidDataException($"A chunk says {length} bytes but carries {bytes.Length - ChunkHeader}.");
        }

        return new PayloadChunks.Chunk(
            new Guid(span[..16]), BinaryPrimitives.ReadInt32LittleEndian(span[16..]),
            BinaryPrimitives.ReadInt32LittleEndian(span[20..]), BinaryPrimitives.ReadInt64LittleEndian(span[24..]),
            BinaryPrimitives.ReadInt64LittleEndian(span[32..]), new ReadOnlyMemory<byte>(bytes, ChunkHeader, length));
    }

    /// <summary>An acknowledgement as bytes: transfer id, index, then the refusal (UTF-8) if any.</summary>
    public static byte[] Write(PayloadChunks.ChunkReceived received)
    {
        ArgumentNullException.ThrowIfNull(received);
        var refusal = received.Refusal is null ? [] : Encoding.UTF8.GetBytes(received.Refusal);
        var bytes = new byte[21 + refusal.Length];
        received.TransferId.TryWriteBytes(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), received.Index);
        bytes[20] = received.Refusal is null ? (byte)0 : (byte)1;
        refusal.CopyTo(bytes, 21);
        return bytes;
    }

    /// <summary>Reads what <see cref="Write(PayloadChunks.ChunkReceived)"/> wrote.</summary>
    public static PayloadChunks.ChunkReceived ReadReceived(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 21)
        {
            throw new InvalidDataException("A chunk acknowledgement is shorter than its header.");
        }

        return new PayloadChunks.ChunkReceived(
            new Guid(bytes.AsSpan(0, 16)), BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16)),
            bytes[20] == 0 ? null : Encoding.UTF8.GetString(bytes, 21, bytes.Length - 21));
    }
}
