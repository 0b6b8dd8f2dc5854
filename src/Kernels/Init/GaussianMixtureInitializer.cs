using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Init;

/// <summary>
/// Initial Gaussian-mixture parameters as scikit-learn builds them: hard labels from k-means (or random rows),
/// then one M-step from those labels, so weights, means and covariances all come from the data.
/// </summary>
public static class GaussianMixtureInitializer
{
    /// <summary>Lloyd iterations after k-means++ seeding: enough to settle the centres on typical data.</summary>
    public const int LloydIterations = 10;

    /// <summary>
    /// Initial parameters for initialisation number <paramref name="initIndex"/> of a fit seeded with
    /// <paramref name="seed"/>; the same arguments always give the same parameters. Cancelling
    /// <paramref name="cancellationToken"/> stops k-means within one pass over the sample.
    /// </summary>
    public static GaussianMixtureParameters Create(
        RowSample sample, int components, CovarianceType type, double regCovar, InitMethod method, int seed,
        int initIndex, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (components > sample.Count)
        {
            throw new InvalidInputException(
                $"--k {components} is more than the {sample.Count} rows sampled for initialisation; lower --k.");
        }

        // A fixed arithmetic mix (HashCode.Combine is randomised per process, so it cannot be used).
        var random = new Random(unchecked(seed + (initIndex * 1_000_003)));
        var centres = KMeans.Seed(
            sample, components, random, method == InitMethod.KMeansPlusPlus, cancellationToken);
        var labels = method == InitMethod.KMeansPlusPlus
            ? KMeans.Lloyd(sample, centres, components, LloydIterations, cancellationToken)
            : KMeans.Assign(sample, centres, components, cancellationToken);
        return FromLabels(sample, labels, centres, components, type, regCovar, cancellationToken);
    }

    /// <summary>One M-step from hard labels: responsibilities are 1 for the labelled component, 0 elsewhere.</summary>
    public static GaussianMixtureParameters FromLabels(
        RowSample sample, int[] labels, double[] centres, int components, CovarianceType type, double regCovar,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(labels);
        var d = sample.Features;
        var anchor = AnchorParameters(centres, components, d, type);
        var shifts = GaussianMixtureStatistics.Shifts(anchor);
        var stats = GaussianMixtureStatistics.Zero(type, components, d);
        double weight = 0;
        var diff = new double[d];
        for (var i = 0; i < sample.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var c = labels[i];
            var w = sample.Weights[i];
            var x = sample.Row(i);
            weight += w;
            stats.N[c] += w;
            for (var j = 0; j < d; j++)
            {
                diff[j] = x[j] - shifts[(c * d) + j];
                stats.S1[(c * d) + j] += w * diff[j];
            }

            AddSecondMoment(stats.S2, type, c, w, diff);
        }

        var total = new GaussianMixtureStatistics(
            type, components, d, stats.N, stats.S1, stats.S2, 0, weight, sample.Count);
        return new GaussianMixtureMStep(regCovar).Estimate(total, anchor);
    }

    /// <summary>Parameters whose means are the centres: only their shifts matter for the statistics.</summary>
    private static GaussianMixtureParameters AnchorParameters(double[] centres, int k, int d, CovarianceType type)
    {
        var weights = Enumerable.Repeat(1.0 / k, k).ToArray();
        var covariances = new double[type.CovarianceLength(k, d)];
        switch (type)
        {
            case CovarianceType.Full:
            case CovarianceType.Tied:
                var blocks = type == CovarianceType.Full ? k : 1;
                for (var b = 0; b < blocks; b++)
                {
                    for (var j = 0; j < d; j++)
                    {
                        covariances[(b * d * d) + (j * d) + j] = 1;
                    }
                }

                break;
            default:
                Array.Fill(covariances, 1.0);
                break;
        }

        return GaussianMixtureParameters.Create(type, weights, (double[])centres.Clone(), covariances, d);
    }

    private static void AddSecondMoment(double[] s2, CovarianceType type, int c, double w, double[] diff)
    {
        var d = diff.Length;
        switch (type)
        {
            case CovarianceType.Full:
            case CovarianceType.Tied:
                // Tied shifts are one shared centre, so the per-component scatter adds into one [D × D] block.
                var offset = type == CovarianceType.Full ? c * d * d : 0;
                for (var i = 0; i < d; i++)
                {
                    for (var j = 0; j < d; j++)
                    {
                        s2[offset + (i * d) + j] += w * diff[i] * diff[j];
                    }
                }

                break;
            default:
                for (var j = 0; j < d; j++)
                {
                    s2[(c * d) + j] += w * diff[j] * diff[j];
                }

                break;
        }
    }
}
