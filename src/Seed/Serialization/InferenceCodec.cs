using AiMass.Seed.Inference;

namespace AiMass.Seed.Serialization;

/// <summary>Binary forms of an inference step: the request (task, folder, the model by
/// <see cref="ParametersCodec"/>) and a partition's report.</summary>
public static class InferenceCodec
{
    /// <summary>Writes <paramref name="request"/>.</summary>
    public static void WriteRequest(BinaryWriter writer, InferenceRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(request);
        writer.Write((byte)request.Task);
        writer.Write(request.Directory);
        ParametersCodec.Write(writer, request.Model);
    }

    /// <summary>Reads what <see cref="WriteRequest"/> wrote.</summary>
    public static InferenceRequest ReadRequest(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var task = (InferenceTask)reader.ReadByte();
        if (!Enum.IsDefined(task))
        {
            throw new InvalidDataException($"Unknown inference task {(byte)task}.");
        }

        var directory = reader.ReadString();
        return new InferenceRequest(task, ParametersCodec.Read(reader), directory);
    }

    /// <summary>Writes <paramref name="statistics"/>.</summary>
    public static void WriteStatistics(BinaryWriter writer, InferenceStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(statistics);
        writer.Write(statistics.Rows);
        writer.Write(statistics.Outputs);
        writer.Write(statistics.LogLikelihood);
        writer.Write(statistics.Parts);
    }

    /// <summary>Reads what <see cref="WriteStatistics"/> wrote.</summary>
    public static InferenceStatistics ReadStatistics(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new InferenceStatistics(reader.ReadInt64(), reader.ReadInt64(), reader.ReadDouble(), reader.ReadInt32());
    }
}
