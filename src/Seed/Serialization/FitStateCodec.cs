using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;

namespace AiMass.Seed.Serialization;

/// <summary>Binary form of an <see cref="EmFitState"/> checkpoint (parameters through <see cref="ParametersCodec"/>,
/// so a resumed fit holds bit-identical parameters). Format 3 adds each iteration's precision and auto precision's
/// state; format 2 checkpoints (written before it) still read, as float32 iterations without that state.</summary>
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
        ParametersCodec.Write(writer, run.Parameters);
        writer.Write(run.History.Count);
        foreach (var record in run.History)
        {
            writer.Write(record.Iteration);
            writer.Write(record.LowerBound);
            writer.Write(record.Change);
            writer.Write(record.Milliseconds);
            writer.Write(record.EStepMilliseconds);
            writer.Write((byte)record.Precision);
        }

        writer.Write(run.Float64);
        writer.Write(run.Previous is not null);
        if (run.Previous is not null)
        {
            ParametersCodec.Write(writer, run.Previous);
        }
    }

    private static EmRunState ReadRun(BinaryReader reader, bool legacy)
    {
        var init = reader.ReadInt32();
        var converged = reader.ReadBoolean();
        var parameters = ParametersCodec.Read(reader);
        var history = new IterationRecord[reader.ReadInt32()];
        for (var i = 0; i < history.Length; i++)
        {
            history[i] = new IterationRecord(
                reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(),
                legacy ? EStepPrecision.Single : ReadPrecision(reader));
        }

        if (legacy)
        {
            return new EmRunState(init, parameters, history, converged);
        }

        var float64 = reader.ReadBoolean();
        var previous = reader.ReadBoolean() ? ParametersCodec.Read(reader) : null;
        return new EmRunState(init, parameters, history, converged, previous, float64);
    }

    private static EStepPrecision ReadPrecision(BinaryReader reader)
    {
        var value = reader.ReadByte();
        return Enum.IsDefined((EStepPrecision)value)
            ? (EStepPrecision)value
            : throw new InvalidDataException($"Unknown E-step precision {value} in a checkpoint.");
    }
}
