using AiMass.Kernels.Em;
using AiMass.Kernels.Mixture;

namespace AiMass.Seed.Serialization;

/// <summary>Binary form of sufficient statistics (float64, symmetric second moments as lower triangles).</summary>
public static class StatisticsCodec
{
    private const byte GaussianMixtureTag = 1;

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
        switch (s.CovarianceType)
        {
            case CovarianceType.Full:
                BinaryArrays.WriteLowerTriangles(writer, s.S2, s.Components, s.Features);
                break;
            case CovarianceType.Tied:
                BinaryArrays.WriteLowerTriangles(writer, s.S2, 1, s.Features);
                break;
            default:
                BinaryArrays.WriteDoubles(writer, s.S2);
                break;
        }
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
        var s2 = type switch
        {
            CovarianceType.Full => BinaryArrays.ReadLowerTriangles(reader, k, d),
            CovarianceType.Tied => BinaryArrays.ReadLowerTriangles(reader, 1, d),
            _ => BinaryArrays.ReadDoubles(reader, k * d),
        };
        return new GaussianMixtureStatistics(type, k, d, n, s1, s2, logLikelihood, weight, rows);
    }
}
