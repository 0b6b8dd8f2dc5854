using AiMass.Kernels.EStep;
using AiMass.Seed.Protocol;

namespace AiMass.Seed.Serialization;

/// <summary>Binary layouts of the two messages on the per-iteration hot path.</summary>
public static class BinaryMessages
{
    /// <summary>Writes a <see cref="PartitionCommands.ComputeStatistics"/>.</summary>
    public static void Write(BinaryWriter writer, PartitionCommands.ComputeStatistics message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(message);
        writer.Write(message.JobId);
        writer.Write(message.Partition);
        writer.Write(message.Step);
        writer.Write(message.Attempt);
        WriteDataset(writer, message.Dataset);
        ParametersCodec.Write(writer, message.Parameters);
        writer.Write((byte)message.Precision);
    }

    /// <summary>Reads a <see cref="PartitionCommands.ComputeStatistics"/>.</summary>
    public static PartitionCommands.ComputeStatistics ReadComputeStatistics(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var job = reader.ReadString();
        var partition = reader.ReadInt32();
        var step = reader.ReadInt32();
        var attempt = reader.ReadInt32();
        var dataset = ReadDataset(reader);
        var parameters = ParametersCodec.Read(reader);
        return new PartitionCommands.ComputeStatistics(
            job, partition, step, attempt, dataset, parameters, ReadPrecision(reader));
    }

    /// <summary>Writes a <see cref="PartitionEvents.StatisticsComputed"/>.</summary>
    public static void Write(BinaryWriter writer, PartitionEvents.StatisticsComputed message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(message);
        writer.Write(message.JobId);
        writer.Write(message.Partition);
        writer.Write(message.Step);
        writer.Write(message.Attempt);
        writer.Write(message.ComputeMilliseconds);
        writer.Write(message.LoadMilliseconds);
        writer.Write(message.Worker);
        writer.Write(message.Device);
        StatisticsCodec.Write(writer, message.Statistics);
    }

    /// <summary>Reads a <see cref="PartitionEvents.StatisticsComputed"/>.</summary>
    public static PartitionEvents.StatisticsComputed ReadStatisticsComputed(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var job = reader.ReadString();
        var partition = reader.ReadInt32();
        var step = reader.ReadInt32();
        var attempt = reader.ReadInt32();
        var compute = reader.ReadDouble();
        var load = reader.ReadDouble();
        var worker = reader.ReadString();
        var device = reader.ReadString();
        return new PartitionEvents.StatisticsComputed(
            job, partition, step, attempt, StatisticsCodec.Read(reader), compute, load, worker, device);
    }

    /// <summary>Writes a <see cref="DatasetRef"/>.</summary>
    public static void WriteDataset(BinaryWriter writer, DatasetRef dataset)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(dataset);
        writer.Write(dataset.Data);
        WriteOptional(writer, dataset.SampleWeight);
        WriteOptional(writer, dataset.Lengths);
        writer.Write(dataset.Partitions);
        WriteOptional(writer, dataset.Labels);
        WriteOptional(writer, dataset.Fingerprint);
    }

    /// <summary>Reads a <see cref="DatasetRef"/>.</summary>
    public static DatasetRef ReadDataset(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new DatasetRef(reader.ReadString(), ReadOptional(reader), ReadOptional(reader), reader.ReadInt32())
        {
            Labels = ReadOptional(reader),
            Fingerprint = ReadOptional(reader),
        };
    }

    /// <summary>Reads an <see cref="EStepPrecision"/> written as one byte.</summary>
    public static EStepPrecision ReadPrecision(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var value = reader.ReadByte();
        return Enum.IsDefined((EStepPrecision)value)
            ? (EStepPrecision)value
            : throw new InvalidDataException($"Unknown E-step precision {value} in a step request.");
    }

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    private static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}
