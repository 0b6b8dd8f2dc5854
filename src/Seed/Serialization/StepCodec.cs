using System.Runtime.InteropServices;
using AiMass.Kernels.Em;
using AiMass.Seed.Protocol;
using AiMass.Seed.Transfers;

namespace AiMass.Seed.Serialization;

/// <summary>
/// The chunked payloads of a step (<see cref="NodeCommands.ComputeStep"/> down the tree,
/// <see cref="NodeEvents.StepComputed"/> up it). The parameters are encoded once per step and shared by every
/// request (a node forwards the bytes it received without decoding them again for its children); a reply's
/// statistics stay bytes until the receiver folds them into its total.
/// </summary>
public static class StepCodec
{
    /// <summary>First byte of a step request payload.</summary>
    public const byte StepKind = 1;

    /// <summary>First byte of a step answer payload.</summary>
    public const byte ComputedKind = 2;

    /// <summary>The parameters' bytes (<see cref="ParametersCodec"/>).</summary>
    public static byte[] EncodeParameters(ModelParameters parameters) =>
        Bytes(w => ParametersCodec.Write(w, parameters));

    /// <summary>
    /// A request: its header, then <paramref name="parameters"/> (from <see cref="EncodeParameters"/>) as they are.
    /// </summary>
    public static Payload Encode(NodeCommands.ComputeStep step, ReadOnlyMemory<byte> parameters)
    {
        ArgumentNullException.ThrowIfNull(step);
        var header = Bytes(w =>
        {
            w.Write(StepKind);
            w.Write(step.JobId);
            w.Write(step.Step);
            w.Write(step.RequestId);
            w.Write(step.ReplyTo);
            BinaryMessages.WriteDataset(w, step.Dataset);
            w.Write((byte)step.Precision);
            WriteAsks(w, step.Partitions);
            w.Write(step.Subtree.Count);
            foreach (var node in step.Subtree)
            {
                w.Write(node.Address);
                w.Write(node.Parent);
                WriteAsks(w, node.Partitions);
            }

            w.Write(parameters.Length);
        });
        return new Payload(header, parameters);
    }

    /// <summary>Reads a request; also returns the parameters' bytes, to forward them unchanged.</summary>
    public static (NodeCommands.ComputeStep Step, ReadOnlyMemory<byte> Parameters) DecodeStep(
        ReadOnlyMemory<byte> payload)
    {
        using var reader = Reader(payload);
        Expect(reader, StepKind);
        var job = reader.ReadString();
        var step = reader.ReadInt32();
        var requestId = reader.ReadInt64();
        var replyTo = reader.ReadString();
        var dataset = BinaryMessages.ReadDataset(reader);
        var precision = BinaryMessages.ReadPrecision(reader);
        var asks = ReadAsks(reader);
        var subtree = new SubtreeNode[reader.ReadInt32()];
        for (var i = 0; i < subtree.Length; i++)
        {
            subtree[i] = new SubtreeNode(reader.ReadString(), reader.ReadInt32(), ReadAsks(reader));
        }

        var length = reader.ReadInt32();
        var start = (int)reader.BaseStream.Position;
        var parameters = ParametersCodec.Read(reader);
        if (reader.BaseStream.Position != start + length || start + length != payload.Length)
        {
            throw new InvalidDataException("A step request's parameters do not end where its header says.");
        }

        return (new NodeCommands.ComputeStep(
                job, step, requestId, replyTo, dataset, parameters, asks, subtree, precision),
            payload.Slice(start, length));
    }

    /// <summary>An answer, with its summed statistics exactly (<see cref="StatisticsSumCodec"/>).</summary>
    public static byte[] Encode(NodeEvents.StepComputed computed)
    {
        ArgumentNullException.ThrowIfNull(computed);
        var sum = computed.Sum is null ? [] : StatisticsSumCodec.Encode(computed.Sum);
        var header = Bytes(w =>
        {
            w.Write(ComputedKind);
            w.Write(computed.JobId);
            w.Write(computed.Step);
            w.Write(computed.RequestId);
            w.Write(computed.Node);
            WriteDone(w, computed.Done);
            w.Write(computed.Failed.Count);
            foreach (var f in computed.Failed)
            {
                w.Write(f.Partition);
                w.Write(f.Attempt);
                w.Write((byte)f.Kind);
                w.Write(f.Message);
                w.Write(f.Worker);
            }

            w.Write(computed.LostNodes.Count);
            foreach (var node in computed.LostNodes)
            {
                w.Write(node);
            }

            w.Write(sum.Length);
        });
        var bytes = new byte[header.Length + sum.Length];
        header.CopyTo(bytes, 0);
        sum.CopyTo(bytes, header.Length);
        return bytes;
    }

    /// <summary>
    /// Reads an answer's header (<see cref="NodeEvents.StepComputed.Sum"/> left null) and returns its statistics'
    /// bytes apart (empty when none), to be folded with <see cref="StatisticsSumCodec.FoldInto"/>.
    /// </summary>
    public static (NodeEvents.StepComputed Header, ReadOnlyMemory<byte> Sum) DecodeComputed(
        ReadOnlyMemory<byte> payload)
    {
        using var reader = Reader(payload);
        Expect(reader, ComputedKind);
        var job = reader.ReadString();
        var step = reader.ReadInt32();
        var requestId = reader.ReadInt64();
        var node = reader.ReadString();
        var done = ReadDone(reader);
        var failed = new PartitionFailure[reader.ReadInt32()];
        for (var i = 0; i < failed.Length; i++)
        {
            failed[i] = new PartitionFailure(
                reader.ReadInt32(), reader.ReadInt32(), Kind(reader.ReadByte()), reader.ReadString(),
                reader.ReadString());
        }

        var lost = new string[reader.ReadInt32()];
        for (var i = 0; i < lost.Length; i++)
        {
            lost[i] = reader.ReadString();
        }

        var length = reader.ReadInt32();
        var start = (int)reader.BaseStream.Position;
        if (start + length != payload.Length)
        {
            throw new InvalidDataException("A step answer's statistics do not end where its header says.");
        }

        return (new NodeEvents.StepComputed(job, step, requestId, node, done, failed, lost, null),
            payload.Slice(start, length));
    }

    private static void WriteAsks(BinaryWriter writer, IReadOnlyList<PartitionAsk> asks)
    {
        writer.Write(asks.Count);
        foreach (var ask in asks)
        {
            writer.Write(ask.Partition);
            writer.Write(ask.Attempt);
        }
    }

    private static PartitionAsk[] ReadAsks(BinaryReader reader)
    {
        var asks = new PartitionAsk[reader.ReadInt32()];
        for (var i = 0; i < asks.Length; i++)
        {
            asks[i] = new PartitionAsk(reader.ReadInt32(), reader.ReadInt32());
        }

        return asks;
    }

    private static void WriteDone(BinaryWriter writer, IReadOnlyList<PartitionDone> done)
    {
        writer.Write(done.Count);
        foreach (var d in done)
        {
            writer.Write(d.Partition);
            writer.Write(d.Attempt);
            writer.Write(d.ComputeMilliseconds);
            writer.Write(d.LoadMilliseconds);
            writer.Write(d.Worker);
            writer.Write(d.Device);
        }
    }

    private static PartitionDone[] ReadDone(BinaryReader reader)
    {
        var done = new PartitionDone[reader.ReadInt32()];
        for (var i = 0; i < done.Length; i++)
        {
            done[i] = new PartitionDone(
                reader.ReadInt32(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadString(),
                reader.ReadString());
        }

        return done;
    }

    private static PartitionFailureKind Kind(byte value) =>
        Enum.IsDefined((PartitionFailureKind)value)
            ? (PartitionFailureKind)value
            : throw new InvalidDataException($"Unknown partition failure kind {value}.");

    private static void Expect(BinaryReader reader, byte kind)
    {
        var actual = reader.ReadByte();
        if (actual != kind)
        {
            throw new InvalidDataException($"Expected a step payload of kind {kind}, not {actual}.");
        }
    }

    /// <summary>A reader over <paramref name="payload"/> without copying it.</summary>
    private static BinaryReader Reader(ReadOnlyMemory<byte> payload) =>
        new(MemoryMarshal.TryGetArray(payload, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(payload.ToArray(), writable: false));

    private static byte[] Bytes(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            write(writer);
        }

        return stream.ToArray();
    }
}
