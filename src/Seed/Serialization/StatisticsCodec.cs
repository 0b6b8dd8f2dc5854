using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;

namespace AiMass.Seed.Serialization;

/// <summary>Binary form of sufficient statistics (float64, symmetric second moments as lower triangles).</summary>
public static class StatisticsCodec
{
    private const byte GaussianMixtureTag = 1;
    private const byte HmmTag = 2;
    private const byte CandidateSetTag = 3;
    private const byte InferenceTag = 4;

    /// <summary>Writes <paramref name="statistics"/>.</summary>
    public static void Write(BinaryWriter writer, SufficientStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (statistics)
        {
            case GaussianMixtureStatistics gmm:
                writer.Write(GaussianMixtureTag);
                WriteMixture(writer, gmm);
                break;
            case HmmStatistics hmm:
                writer.Write(HmmTag);
                WriteHmm(writer, hmm);
                break;
            case Kernels.Candidates.CandidateSetStatistics set:
                writer.Write(CandidateSetTag);
                CandidateCodec.WriteStatistics(writer, set);
                break;
            case Inference.InferenceStatistics inference:
                writer.Write(InferenceTag);
                InferenceCodec.WriteStatistics(writer, inference);
                break;
            default:
                throw new NotSupportedException($"No binary codec for {statistics?.GetType().Name}.");
        }
    }

    /// <summary>Reads statistics written by <see cref="Write"/>.</summary>
    public static SufficientStatistics Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var tag = reader.ReadByte();
        return tag switch
        {
            GaussianMixtureTag => ReadMixture(reader),
            HmmTag => ReadHmm(reader),
            CandidateSetTag => CandidateCodec.ReadStatistics(reader),
            InferenceTag => InferenceCodec.ReadStatistics(reader),
            _ => throw new InvalidDataException($"Unknown statistics tag {tag}."),
        };
    }

    private static void WriteMixture(BinaryWriter writer, GaussianMixtureStatistics s)
    {
        writer.Write((byte)s.CovarianceType);
        writer.Write(s.Components);
        writer.Write(s.Features);
        writer.Write(s.LogLikelihood);
        writer.Write(s.Weight);
        writer.Write(s.Rows);
        BinaryArrays.WriteDoubles(writer, s.N);
        BinaryArrays.WriteDoubles(writer, s.S1);
        BinaryArrays.WriteCovarianceShaped(writer, s.CovarianceType, s.S2, s.Components, s.Features);
    }

    private static GaussianMixtureStatistics ReadMixture(BinaryReader reader)
    {
        var type = (CovarianceType)reader.ReadByte();
        var k = reader.ReadInt32();
        var d = reader.ReadInt32();
        var logLikelihood = reader.ReadDouble();
        var weight = reader.ReadDouble();
        var rows = reader.ReadInt64();
        var n = BinaryArrays.ReadDoubles(reader, k);
        var s1 = BinaryArrays.ReadDoubles(reader, k * d);
        var s2 = BinaryArrays.ReadCovarianceShaped(reader, type, k, d, rawCount: k * d);
        return new GaussianMixtureStatistics(type, k, d, n, s1, s2, logLikelihood, weight, rows);
    }

    /// <summary>
    /// HMM: emission, S, D, M, log-likelihood, rows, sequences, then start <c>[S]</c>, transitions <c>[S × S]</c>,
    /// posterior <c>[S]</c>, S1 <c>[S × D]</c>, S2 (full as S lower triangles — the authoritative half, as
    /// <see cref="HmmStatistics"/> mirrors it — diag <c>[S × D]</c>) and counts <c>[S × M]</c>.
    /// </summary>
    private static void WriteHmm(BinaryWriter writer, HmmStatistics s)
    {
        writer.Write((byte)s.Emission);
        writer.Write(s.States);
        writer.Write(s.Features);
        writer.Write(s.Symbols);
        writer.Write(s.LogLikelihood);
        writer.Write(s.Rows);
        writer.Write(s.Sequences);
        BinaryArrays.WriteDoubles(writer, s.Start);
        BinaryArrays.WriteDoubles(writer, s.Transitions);
        BinaryArrays.WriteDoubles(writer, s.Posterior);
        BinaryArrays.WriteDoubles(writer, s.S1);
        if (s.Emission == HmmEmission.GaussianFull)
        {
            BinaryArrays.WriteLowerTriangles(writer, s.S2, s.States, s.Features);
        }
        else
        {
            BinaryArrays.WriteDoubles(writer, s.S2);
        }

        BinaryArrays.WriteDoubles(writer, s.Counts);
    }

    private static HmmStatistics ReadHmm(BinaryReader reader)
    {
        var emission = (HmmEmission)reader.ReadByte();
        if (!Enum.IsDefined(emission))
        {
            throw new InvalidDataException($"Unknown HMM emission {(byte)emission}.");
        }

        var states = reader.ReadInt32();
        var d = reader.ReadInt32();
        var m = reader.ReadInt32();
        var logLikelihood = reader.ReadDouble();
        var rows = reader.ReadInt64();
        var sequences = reader.ReadInt64();
        var start = BinaryArrays.ReadDoubles(reader, states);
        var transitions = BinaryArrays.ReadDoubles(reader, states * states);
        var posterior = BinaryArrays.ReadDoubles(reader, states);
        var gaussian = emission != HmmEmission.Categorical;
        var s1 = BinaryArrays.ReadDoubles(reader, gaussian ? states * d : 0);
        var s2 = emission switch
        {
            HmmEmission.GaussianFull => BinaryArrays.ReadLowerTriangles(reader, states, d),
            HmmEmission.GaussianDiag => BinaryArrays.ReadDoubles(reader, states * d),
            _ => [],
        };
        var counts = BinaryArrays.ReadDoubles(reader, gaussian ? 0 : states * m);
        return new HmmStatistics(
            emission, states, d, m, start, transitions, posterior, s1, s2, counts, logLikelihood, rows, sequences);
    }
}
