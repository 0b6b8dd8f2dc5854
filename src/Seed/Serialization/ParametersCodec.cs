using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;

namespace AiMass.Seed.Serialization;

/// <summary>
/// Binary form of model parameters: the defining arrays only (precision factors are recomputed on arrival by the
/// same code, so every node holds bit-identical parameters); symmetric matrices as lower triangles.
/// </summary>
public static class ParametersCodec
{
    private const byte GaussianMixtureTag = 1;
    private const byte HmmTag = 2;
    private const byte CandidateSetTag = 3;

    /// <summary>The tag of a whole <see cref="Kernels.Candidates.CandidateSelection"/> (checkpoints only, see
    /// <see cref="FitStateCodec"/>).</summary>
    internal const byte SelectionStateTag = 4;
    private const byte InferenceTag = 5;

    /// <summary>Writes <paramref name="parameters"/>.</summary>
    public static void Write(BinaryWriter writer, ModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (parameters)
        {
            case GaussianMixtureParameters gmm:
                writer.Write(GaussianMixtureTag);
                WriteMixture(writer, gmm);
                break;
            case HmmParameters hmm:
                writer.Write(HmmTag);
                WriteHmm(writer, hmm);
                break;
            case Kernels.Candidates.CandidateSet set:
                writer.Write(CandidateSetTag);
                CandidateCodec.WriteSet(writer, set);
                break;
            case Inference.InferenceRequest request:
                writer.Write(InferenceTag);
                InferenceCodec.WriteRequest(writer, request);
                break;
            default:
                throw new NotSupportedException($"No binary codec for {parameters?.GetType().Name}.");
        }
    }

    /// <summary>Reads parameters written by <see cref="Write"/>.</summary>
    public static ModelParameters Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var tag = reader.ReadByte();
        return tag switch
        {
            GaussianMixtureTag => ReadMixture(reader),
            HmmTag => ReadHmm(reader),
            CandidateSetTag => CandidateCodec.ReadSet(reader),
            SelectionStateTag => CandidateCodec.ReadSelection(reader),
            InferenceTag => InferenceCodec.ReadRequest(reader),
            _ => throw new InvalidDataException($"Unknown parameters tag {tag}."),
        };
    }

    private static void WriteMixture(BinaryWriter writer, GaussianMixtureParameters p)
    {
        writer.Write((byte)p.CovarianceType);
        writer.Write(p.Components);
        writer.Write(p.Features);
        BinaryArrays.WriteDoubles(writer, p.Weights.AsSpan());
        BinaryArrays.WriteDoubles(writer, p.Means.AsSpan());
        BinaryArrays.WriteCovarianceShaped(writer, p.CovarianceType, p.Covariances.AsSpan(), p.Components, p.Features);
    }

    private static GaussianMixtureParameters ReadMixture(BinaryReader reader)
    {
        var type = (CovarianceType)reader.ReadByte();
        var k = reader.ReadInt32();
        var d = reader.ReadInt32();
        var weights = BinaryArrays.ReadDoubles(reader, k);
        var means = BinaryArrays.ReadDoubles(reader, k * d);
        var covariances = ReadCovariances(reader, type, k, d);
        return GaussianMixtureParameters.Create(type, weights, means, covariances, d);
    }

    /// <summary>
    /// HMM: emission, S, D (columns), M (symbols), π <c>[S]</c>, A <c>[S × S]</c>, then means <c>[S × D]</c> and
    /// covariances (full as S lower triangles, diag <c>[S × D]</c>) or the emission table <c>[S × M]</c>.
    /// </summary>
    private static void WriteHmm(BinaryWriter writer, HmmParameters p)
    {
        writer.Write((byte)p.Emission);
        writer.Write(p.States);
        writer.Write(p.Features);
        writer.Write(p.Symbols);
        BinaryArrays.WriteDoubles(writer, p.StartProbabilities.AsSpan());
        BinaryArrays.WriteDoubles(writer, p.Transitions.AsSpan());
        if (p.Emission == HmmEmission.Categorical)
        {
            BinaryArrays.WriteDoubles(writer, p.EmissionProbabilities.AsSpan());
            return;
        }

        BinaryArrays.WriteDoubles(writer, p.Means.AsSpan());
        BinaryArrays.WriteCovarianceShaped(
            writer, p.Emission.CovarianceType(), p.Covariances.AsSpan(), p.States, p.Features);
    }

    /// <summary>Reads what <see cref="WriteHmm"/> wrote; the precision factors are recomputed by
    /// <see cref="HmmParameters.CreateGaussian"/>, as on the sending node.</summary>
    private static HmmParameters ReadHmm(BinaryReader reader)
    {
        var emission = (HmmEmission)reader.ReadByte();
        var s = reader.ReadInt32();
        var d = reader.ReadInt32();
        var m = reader.ReadInt32();
        var start = BinaryArrays.ReadDoubles(reader, s);
        var transitions = BinaryArrays.ReadDoubles(reader, s * s);
        switch (emission)
        {
            case HmmEmission.Categorical:
                return HmmParameters.CreateCategorical(start, transitions, BinaryArrays.ReadDoubles(reader, s * m), m);
            case HmmEmission.GaussianFull or HmmEmission.GaussianDiag:
                var type = emission.CovarianceType();
                var means = BinaryArrays.ReadDoubles(reader, s * d);
                return HmmParameters.CreateGaussian(
                    type, start, transitions, means, ReadCovariances(reader, type, s, d), d);
            default:
                throw new InvalidDataException($"Unknown HMM emission {(byte)emission}.");
        }
    }

    /// <summary>
    /// Covariances as <see cref="BinaryArrays.WriteCovarianceShaped"/> wrote them (spherical: one per component).
    /// </summary>
    private static double[] ReadCovariances(BinaryReader reader, CovarianceType type, int k, int d) =>
        BinaryArrays.ReadCovarianceShaped(reader, type, k, d, rawCount: type == CovarianceType.Diag ? k * d : k);
}
