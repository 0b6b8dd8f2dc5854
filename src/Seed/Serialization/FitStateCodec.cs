using AiMass.Kernels.Em;

namespace AiMass.Seed.Serialization;

/// <summary>Binary form of an <see cref="EmFitState"/> checkpoint (parameters through <see cref="ParametersCodec"/>,
/// so a resumed fit holds bit-identical parameters).</summary>
public static class FitStateCodec
{
    private const byte Version = 2;

    /// <summary>The checkpoint as bytes.</summary>
    public static byte[] Encode(EmFitState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Version);
            writer.Write((byte)state.Phase);
            WriteRun(writer, state.Current);
            writer.Write(state.Best is not null);
            if (state.Best is not null)
            {
                WriteRun(writer, state.Best);
            }

            writer.Write(state.InitLowerBounds.Count);
            foreach (var bound in state.InitLowerBounds)
            {
                writer.Write(bound);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Reads what <see cref="Encode"/> wrote.</summary>
    public static EmFitState Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        var version = reader.ReadByte();
        if (version != Version)
        {
            throw new InvalidDataException($"Checkpoint format {version} is not supported (expected {Version}).");
        }

        var phase = (EmPhase)reader.ReadByte();
        var current = ReadRun(reader);
        var best = reader.ReadBoolean() ? ReadRun(reader) : null;
        var bounds = new double[reader.ReadInt32()];
        for (var i = 0; i < bounds.Length; i++)
        {
            bounds[i] = reader.ReadDouble();
        }

        return new EmFitState(phase, current, best, bounds);
    }

    private static void WriteRun(BinaryWriter writer, EmRunState run)
    {
        writer.Write(run.Init);
        writer.Write(run.Converged);
        if (run.Parameters is Kernels.Candidates.CandidateSelection selection)
        {
            // The whole state of the candidates (the wire form carries only the next pass's members).
            writer.Write(ParametersCodec.SelectionStateTag);
            CandidateCodec.WriteSelection(writer, selection);
        }
        else
        {
            ParametersCodec.Write(writer, run.Parameters);
        }

        WriteHistory(writer, run.History);
    }

    /// <summary>Writes iteration records: the count, then each record's five values.</summary>
    internal static void WriteHistory(BinaryWriter writer, IReadOnlyList<IterationRecord> history)
    {
        writer.Write(history.Count);
        foreach (var record in history)
        {
            writer.Write(record.Iteration);
            writer.Write(record.LowerBound);
            writer.Write(record.Change);
            writer.Write(record.Milliseconds);
            writer.Write(record.EStepMilliseconds);
        }
    }

    /// <summary>Reads what <see cref="WriteHistory"/> wrote.</summary>
    internal static IterationRecord[] ReadHistory(BinaryReader reader)
    {
        var history = new IterationRecord[reader.ReadInt32()];
        for (var i = 0; i < history.Length; i++)
        {
            history[i] = new IterationRecord(
                reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
        }

        return history;
    }

    private static EmRunState ReadRun(BinaryReader reader)
    {
        var init = reader.ReadInt32();
        var converged = reader.ReadBoolean();
        var parameters = ParametersCodec.Read(reader);
        return new EmRunState(init, parameters, ReadHistory(reader), converged);
    }
}
