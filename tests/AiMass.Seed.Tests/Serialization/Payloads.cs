using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Synthetic;

namespace AiMass.Seed.Tests.Serialization;

/// <summary>Parameters and statistics of every model kind, computed by the reference E-steps on drawn data.</summary>
internal static class Payloads
{
    public static IEnumerable<CovarianceType> MixtureTypes =>
        [CovarianceType.Full, CovarianceType.Diag, CovarianceType.Spherical, CovarianceType.Tied];

    public static IEnumerable<HmmEmission> HmmEmissions =>
        [HmmEmission.GaussianFull, HmmEmission.GaussianDiag, HmmEmission.Categorical];

    public static GaussianMixtureParameters Mixture(CovarianceType type) =>
        SyntheticMixtures.Random(3, 4, type, seed: 7);

    public static HmmParameters Hmm(HmmEmission emission) => emission switch
    {
        HmmEmission.GaussianFull => SyntheticHmms.Gaussian(3, 4, CovarianceType.Full, seed: 11),
        HmmEmission.GaussianDiag => SyntheticHmms.Gaussian(3, 4, CovarianceType.Diag, seed: 12),
        _ => SyntheticHmms.Categorical(3, 5, seed: 13),
    };

    /// <summary>Statistics of 200 drawn rows under the mixture.</summary>
    public static GaussianMixtureStatistics MixtureStatistics(CovarianceType type)
    {
        var model = Mixture(type);
        var rows = new double[200 * model.Features];
        GaussianMixtureSampler.DrawBlock(model, 3, 0, 200, rows, []);
        var partition = new DataPartition(0, new ArrayRowSource(rows, model.Features, "x.npy"));
        return ReferenceGaussianMixtureEStep.Compute(partition, model, CancellationToken.None);
    }

    /// <summary>Statistics of three drawn sequences under the HMM.</summary>
    public static HmmStatistics HmmStatistics(HmmEmission emission)
    {
        var model = Hmm(emission);
        var sample = HmmSampler.Sample(model, [40, 25, 60], seed: 5);
        var partition = new DataPartition(
            0, new ArrayRowSource(sample.Observations, sample.Features, "x.npy"), SequenceLengths: sample.Lengths);
        return ReferenceHmmEStep.Compute(partition, model, CancellationToken.None);
    }

    public static IEnumerable<ModelParameters> AllParameters =>
        [.. MixtureTypes.Select(Mixture), .. HmmEmissions.Select(Hmm)];

    public static IEnumerable<SufficientStatistics> AllStatistics =>
        [.. MixtureTypes.Select(MixtureStatistics), .. HmmEmissions.Select(HmmStatistics)];
}
