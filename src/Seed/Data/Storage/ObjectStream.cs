namespace AiMass.Seed.Data.Storage;

/// <summary>
/// A read-only, seekable stream over one stored object that fetches only what is read, by ranged reads: small
/// reads are served from one block (64 KiB at first, doubling while reads go on where the block ended, up to
/// <see cref="BlockSize"/>, so a header costs little and a scan few requests), large ones go to the store directly
/// (through the download cache when there is one), and <see cref="Prefetch"/> fetches a known span (a Parquet row
/// group's column chunks) in one request. Not thread-safe.
/// </summary>
public sealed class ObjectStream : Stream
{
    /// <summary>Bytes fetched at once for small reads (headers, footers, page headers).</summary>
    public const int BlockSize = 1024 * 1024;

    private const int FirstBlockSize = 64 * 1024;

    private readonly IObjectStore _store;
    private readonly StoredObject _item;
    private readonly string _role;
    private readonly RangeCache? _cache;
    private (long Start, byte[] Bytes) _block = (0, []);
    private (long Start, byte[] Bytes) _window = (0, []);
    private long _position;
    private int _nextBlock = FirstBlockSize;

    /// <summary>A stream over <paramref name="item"/> of <paramref name="store"/>; <paramref name="role"/> names it
    /// in messages; large reads go through <paramref name="cache"/> when given.</summary>
    public ObjectStream(IObjectStore store, StoredObject item, string role, RangeCache? cache)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(item);
        (_store, _item, _role, _cache) = (store, item, role, cache);
    }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => true;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => _item.Length;

    /// <inheritdoc />
    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>Fetches <c>[offset, offset + length)</c> in one read, to serve the reads that follow.</summary>
    public void Prefetch(long offset, long length)
    {
        var end = Math.Min(_item.Length, offset + length);
        if (offset < 0 || end <= offset || end - offset > Array.MaxLength)
        {
            return;
        }

        _window = (offset, Fetch(offset, (int)(end - offset)));
    }

    /// <summary>Lets the prefetched span go.</summary>
    public void ReleasePrefetch() => _window = (0, []);

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, Math.Max(0, _item.Length - _position));
        if (count == 0)
        {
            return 0;
        }

        var target = buffer[..count];
        var done = 0;
        while (done < count)
        {
            var position = _position + done;
            var copied = Copy(_window, position, target[done..]);
            copied = copied > 0 ? copied : Copy(_block, position, target[done..]);
            if (copied > 0)
            {
                done += copied;
                continue;
            }

            var remaining = count - done;
            if (remaining >= BlockSize)
            {
                Fetch(position, remaining).CopyTo(target[done..]);
                done = count;
                continue;
            }

            // Reading on where the last block ended: a scan, so fetch more at once.
            var sequential = _block.Bytes.Length > 0 && position == _block.Start + _block.Bytes.Length;
            _nextBlock = sequential ? Math.Min(BlockSize, _nextBlock * 2) : FirstBlockSize;
            var length = (int)Math.Min(Math.Max(_nextBlock, remaining), _item.Length - position);
            _block = (position, Fetch(position, length));
        }

        _position += count;
        return count;
    }

    /// <inheritdoc />
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => _item.Length + offset,
        };
        return _position;
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Copies what <paramref name="span"/> holds from <paramref name="position"/> on into
    /// <paramref name="target"/>; returns the bytes copied (0 when it does not hold that position).</summary>
    private static int Copy((long Start, byte[] Bytes) span, long position, Span<byte> target)
    {
        var end = span.Start + span.Bytes.Length;
        if (position < span.Start || position >= end)
        {
            return 0;
        }

        var n = (int)Math.Min(target.Length, end - position);
        span.Bytes.AsSpan((int)(position - span.Start), n).CopyTo(target);
        return n;
    }

    private byte[] Fetch(long offset, int length)
    {
        void Download(Memory<byte> memory) => _store.Read(_item, offset, memory, _role);
        if (_cache is not null && length >= BlockSize)
        {
            return _cache.Read(_item, offset, length, Download);
        }

        var bytes = new byte[length];
        Download(bytes);
        return bytes;
    }
}
