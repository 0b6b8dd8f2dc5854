using AiMass.Seed.Protocol;

namespace AiMass.Seed.Serialization;

/// <summary>
/// The bytes the step messages take as <see cref="AimassSerializer"/> writes them, counted without buffering them
/// (for the traffic metrics: the writer walks the arrays, nothing is copied).
/// </summary>
public static class MessageSize
{
    /// <summary>Serialized bytes of a step request.</summary>
    public static long Of(PartitionCommands.ComputeStatistics message) => Count(w => BinaryMessages.Write(w, message));

    /// <summary>Serialized bytes of a step reply.</summary>
    public static long Of(PartitionEvents.StatisticsComputed message) => Count(w => BinaryMessages.Write(w, message));

    private static long Count(Action<BinaryWriter> write)
    {
        using var counter = new CountingStream();
        using (var writer = new BinaryWriter(counter, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        return counter.Length;
    }

    /// <summary>A write-only stream that only counts.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override void WriteByte(byte value) => _length++;
    }
}
