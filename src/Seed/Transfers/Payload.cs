namespace AiMass.Seed.Transfers;

/// <summary>
/// The bytes of one payload as consecutive segments (a header and a body shared by several payloads, say), so a
/// payload can be cut into chunks without first being copied into one array.
/// </summary>
public sealed class Payload
{
    private readonly ReadOnlyMemory<byte>[] _segments;

    /// <summary>The payload made of <paramref name="segments"/>, in order.</summary>
    public Payload(params ReadOnlyMemory<byte>[] segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        _segments = segments;
        Length = segments.Sum(s => (long)s.Length);
    }

    /// <summary>Total bytes.</summary>
    public long Length { get; }

    /// <summary>
    /// <paramref name="length"/> bytes from <paramref name="offset"/>: a view when they lie in one segment, else a
    /// copy.
    /// </summary>
    public ReadOnlyMemory<byte> Slice(long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + length, Length);
        var start = 0L;
        var i = 0;
        while (i < _segments.Length && start + _segments[i].Length <= offset)
        {
            start += _segments[i++].Length;
        }

        if (length == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var within = (int)(offset - start);
        if (within + length <= _segments[i].Length)
        {
            return _segments[i].Slice(within, length);
        }

        var copy = new byte[length];
        var written = 0;
        while (written < length)
        {
            var take = Math.Min(_segments[i].Length - within, length - written);
            _segments[i].Span.Slice(within, take).CopyTo(copy.AsSpan(written));
            written += take;
            within = 0;
            i++;
        }

        return copy;
    }
}
