using AiMass.Kernels.Candidates;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;

namespace AiMass.Seed.Serialization;

/// <summary>
/// Binary forms of candidate sets (model selection, restarts in one pass). On the wire a set is its members only
/// (<see cref="CandidateSet"/>: what the next E-step evaluates, each member by <see cref="ParametersCodec"/>); its
/// statistics are the members' in order (<see cref="StatisticsCodec"/>) and their classification terms. In a
/// checkpoint the coordinator's whole <see cref="CandidateSelection"/> is written (every run's parameters and
/// history), so a resumed selection continues exactly.
/// </summary>
public static class CandidateCodec
{
    private const byte NoPrecision = 0xFF;

    /// <summary>Writes the members of <paramref name="set"/> (a selection's state is not sent).</summary>
    public static void WriteSet(BinaryWriter writer, CandidateSet set)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(set);
        writer.Write(set.Features);
        writer.Write(set.Members.Count);
        for (var m = 0; m < set.Members.Count; m++)
        {
            writer.Write(set.Classify[m]);
            writer.Write(set.Precisions[m] is { } p ? (byte)p : NoPrecision);
            ParametersCodec.Write(writer, set.Members[m]);
        }
    }

    /// <summary>Reads what <see cref="WriteSet"/> wrote.</summary>
    public static CandidateSet ReadSet(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var features = reader.ReadInt32();
        var count = Count(reader);
        var members = new ModelParameters[count];
        var classify = new bool[count];
        var precisions = new EStepPrecision?[count];
        for (var m = 0; m < count; m++)
        {
            classify[m] = reader.ReadBoolean();
            precisions[m] = reader.ReadByte() is var p && p == NoPrecision ? null : Precision(p);
            members[m] = ParametersCodec.Read(reader);
        }

        return new CandidateSet(members, classify, features, precisions);
    }

    /// <summary>Writes a set's statistics: rows, weight, the classification terms, then each member's.</summary>
    public static void WriteStatistics(BinaryWriter writer, CandidateSetStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(statistics);
        writer.Write(statistics.Rows);
        writer.Write(statistics.Weight);
        writer.Write(statistics.Members.Count);
        BinaryArrays.WriteDoubles(writer, statistics.Classification);
        foreach (var member in statistics.Members)
        {
            StatisticsCodec.Write(writer, member);
        }
    }

    /// <summary>Reads what <see cref="WriteStatistics"/> wrote.</summary>
    public static CandidateSetStatistics ReadStatistics(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = reader.ReadInt64();
        var weight = reader.ReadDouble();
        var count = Count(reader);
        var classification = BinaryArrays.ReadDoubles(reader, count);
        var members = new SufficientStatistics[count];
        for (var m = 0; m < count; m++)
        {
            members[m] = StatisticsCodec.Read(reader);
        }

        return new CandidateSetStatistics(members, classification, rows, weight);
    }

    /// <summary>Writes a selection's whole state (for checkpoints).</summary>
    public static void WriteSelection(BinaryWriter writer, CandidateSelection selection)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(selection);
        WriteOptional(writer, selection.Criterion);
        writer.Write(selection.Features);
        writer.Write(selection.Groups.Count);
        foreach (var group in selection.Groups)
        {
            writer.Write(group.Components);
            writer.Write(group.Covariance);
            WriteOptional(writer, group.Prior);
            WriteOptional(writer, group.Error);
            writer.Write(group.Outcome is not null);
            if (group.Outcome is { } o)
            {
                writer.Write(o.LogLikelihood);
                writer.Write(o.Weight);
                writer.Write(o.Rows);
                writer.Write(o.Classification);
            }

            writer.Write((byte)group.ScoringPrecision);
            writer.Write(group.Runs.Count);
            foreach (var run in group.Runs)
            {
                WriteRun(writer, run);
            }
        }
    }

    /// <summary>Reads what <see cref="WriteSelection"/> wrote.</summary>
    public static CandidateSelection ReadSelection(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var criterion = ReadOptional(reader);
        var features = reader.ReadInt32();
        var groups = new CandidateGroup[Count(reader)];
        for (var g = 0; g < groups.Length; g++)
        {
            var (components, covariance) = (reader.ReadInt32(), reader.ReadString());
            var (prior, error) = (ReadOptional(reader), ReadOptional(reader));
            var outcome = reader.ReadBoolean()
                ? new CandidateOutcome(
                    reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt64(), reader.ReadDouble())
                : null;
            var scoring = FitStateCodec.ReadPrecision(reader);
            var runs = new CandidateRun[Count(reader)];
            for (var r = 0; r < runs.Length; r++)
            {
                runs[r] = ReadRun(reader);
            }

            groups[g] = new CandidateGroup(components, covariance, prior, runs, outcome, error)
            {
                ScoringPrecision = scoring,
            };
        }

        return new CandidateSelection(groups, criterion, features);
    }

    private static int Count(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        return count is >= 0 and <= 1 << 20
            ? count
            : throw new InvalidDataException($"A candidate set of {count} members is not a valid message.");
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

    /// <summary>A run: its EM state (as a checkpoint's) with its auto-precision state and next precision.</summary>
    private static void WriteRun(BinaryWriter writer, CandidateRun run)
    {
        writer.Write(run.Init);
        writer.Write(run.Converged);
        writer.Write(run.Finished);
        ParametersCodec.Write(writer, run.Parameters);
        FitStateCodec.WriteHistory(writer, run.History);
        writer.Write(run.Float64);
        writer.Write((byte)run.Precision);
        writer.Write(run.Previous is not null);
        if (run.Previous is not null)
        {
            ParametersCodec.Write(writer, run.Previous);
        }
    }

    private static CandidateRun ReadRun(BinaryReader reader)
    {
        var (init, converged, finished) = (reader.ReadInt32(), reader.ReadBoolean(), reader.ReadBoolean());
        var parameters = ParametersCodec.Read(reader);
        var history = FitStateCodec.ReadHistory(reader);
        var (float64, precision) = (reader.ReadBoolean(), FitStateCodec.ReadPrecision(reader));
        var previous = reader.ReadBoolean() ? ParametersCodec.Read(reader) : null;
        return new CandidateRun(init, parameters, history, converged, finished)
        {
            Float64 = float64,
            Precision = precision,
            Previous = previous,
        };
    }

    private static EStepPrecision Precision(byte value) => Enum.IsDefined((EStepPrecision)value)
        ? (EStepPrecision)value
        : throw new InvalidDataException($"Unknown E-step precision {value} in a candidate set.");
}
