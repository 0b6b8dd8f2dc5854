using AiMass.Kernels.Data;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Tests.Hmm;

/// <summary>Small hand-made HMMs and data drawn from them.</summary>
internal static class TestModels
{
    public static double[] Start3 => [0.5, 0.3, 0.2];

    public static double[] Transitions3 => [0.8, 0.15, 0.05, 0.1, 0.7, 0.2, 0.2, 0.1, 0.7];

    /// <summary>Three well-separated 2-D Gaussian states.</summary>
    public static HmmParameters Gaussian(HmmEmission emission) => emission switch
    {
        HmmEmission.GaussianFull => HmmParameters.CreateGaussian(
            CovarianceType.Full, Start3, Transitions3, [0, 0, 6, 1, -3, 7],
            [1.0, 0.3, 0.3, 0.8, 0.5, -0.2, -0.2, 1.2, 2.0, 0.5, 0.5, 0.7], 2),
        HmmEmission.GaussianDiag => HmmParameters.CreateGaussian(
            CovarianceType.Diag, Start3, Transitions3, [0, 0, 6, 1, -3, 7], [1.0, 0.8, 0.5, 1.2, 2.0, 0.7], 2),
        _ => Categorical(),
    };

    /// <summary>Three states over five symbols.</summary>
    public static HmmParameters Categorical() => HmmParameters.CreateCategorical(
        Start3, Transitions3,
        [0.5, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.6, 0.1, 0.1, 0.05, 0.05, 0.1, 0.4, 0.4], 5);

    /// <summary>
    /// A different starting point of the same shape as <see cref="Gaussian"/> or <see cref="Categorical"/>.
    /// </summary>
    public static HmmParameters Perturbed(HmmEmission emission)
    {
        double[] start = [1.0 / 3, 1.0 / 3, 1.0 / 3];
        double[] transitions = [0.5, 0.25, 0.25, 0.25, 0.5, 0.25, 0.25, 0.25, 0.5];
        return emission switch
        {
            HmmEmission.GaussianFull => HmmParameters.CreateGaussian(
                CovarianceType.Full, start, transitions, [1, 0, 5, 2, -2, 6],
                [2.0, 0, 0, 2, 2, 0, 0, 2, 2, 0, 0, 2], 2),
            HmmEmission.GaussianDiag => HmmParameters.CreateGaussian(
                CovarianceType.Diag, start, transitions, [1, 0, 5, 2, -2, 6], [2.0, 2, 2, 2, 2, 2], 2),
            _ => HmmParameters.CreateCategorical(
                start, transitions,
                [0.3, 0.2, 0.2, 0.15, 0.15, 0.2, 0.2, 0.3, 0.15, 0.15, 0.15, 0.15, 0.2, 0.2, 0.3], 5),
        };
    }

    /// <summary>Sequences drawn from <paramref name="model"/> as a partition.</summary>
    public static DataPartition Partition(HmmParameters model, int[] lengths, int seed)
    {
        var sample = HmmSampler.Sample(model, lengths, seed);
        return new DataPartition(0, new ArrayRowSource(sample.Observations, sample.Features, "x.npy"),
            SequenceLengths: sample.Lengths);
    }
}
