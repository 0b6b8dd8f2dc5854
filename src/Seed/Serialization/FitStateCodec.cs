using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;

namespace AiMass.Seed.Serialization;

/// <summary>Binary form of an <see cref="EmFitState"/> checkpoint (parameters through <see cref="ParametersCodec"/>,
/// so a resumed fit holds bit-identical parameters). Format 3 adds each iteration's precision and auto precision's
/// state (a model selection's whole <see cref="Kernels.Candidates.CandidateSelection"/>, with every candidate run's
/// precision state, travels as its parameters); format 2 checkpoints (written before it) still read, as float32
/// iterations without that state.</summary>
public static class FitStateCodec
{
    private const byte Version = 3;
    private const byte LegacyVersion = 2;

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
        if (version is not (Version or LegacyVersion))
        {
            throw new InvalidDataException($"Checkpoint format {version} is not supported (expected {Version}).");
        }

        var legacy = version == LegacyVersion;
        var phase = (EmPhase)reader.ReadByte();
        var current = ReadRun(reader, legacy);
        var best = reader.ReadBoolean() ? ReadRun(reader, legacy) : null;
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
        WriteParameters(writer, run.Parameters);
        WriteHistory(writer, run.History);
        writer.Write(run.Float64);
        writer.Write(run.Previous is not null);
        if (run.Previous is not null)
        {
            WriteParameters(writer, run.Previous);
        }
    }

    /// <summary>Parameters as <see cref="ParametersCodec"/> writes them, except a selection: its whole state (the
    /// wire form carries only the next pass's members).</summary>
    private static void WriteParameters(BinaryWriter writer, ModelParameters parameters)
    {
        if (parameters is Kernels.Candidates.CandidateSelection selection)
        {
            writer.Write(ParametersCodec.SelectionStateTag);
            CandidateCodec.WriteSelection(writer, selection);
        }
        else
        {
            ParametersCodec.Write(writer, parameters);
        }
    }

    /// <summary>Writes iteration records (format 3): the count, then each record's five values and its precision.
    /// </summary>
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
            writer.Write((byte)record.Precision);
        }
    }

    /// <summary>Reads what <see cref="WriteHistory"/> wrote; <paramref name="legacy"/> (format 2) records have no
    /// precision and ran in float32.</summary>
    internal static IterationRecord[] ReadHistory(BinaryReader reader, bool legacy = false)
    {
        var history = new IterationRecord[reader.ReadInt32()];
        for (var i = 0; i < history.Length; i++)
        {
            history[i] = new IterationRecord(
                reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(),
                legacy ? EStepPrecision.Single : ReadPrecision(reader));
        }

        return history;
    }

    /// <summary>Reads a precision byte, refusing an unknown value.</summary>
    internal static EStepPrecision ReadPrecision(BinaryReader reader)
    {
        var value = reader.ReadByte();
        return Enum.IsDefined((EStepPrecision)value)
            ? (EStepPrecision)value
            : throw new InvalidDataException($"Unknown E-step precision {value} in a checkpoint.");
    }

    private static EmRunState ReadRun(BinaryReader reader, bool legacy)
    {
        var init = reader.ReadInt32();
        var converged = reader.ReadBoolean();
        var parameters = ParametersCodec.Read(reader);
        var history = ReadHistory(reader, legacy);
        if (legacy)
        {
            return new EmRunState(init, parameters, history, converged);
        }

        var float64 = reader.ReadBoolean();
        var previous = reader.ReadBoolean() ? ParametersCodec.Read(reader) : null;
        return new EmRunState(init, parameters, history, converged, previous, float64);
    }
}
