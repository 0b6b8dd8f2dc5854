using System.Diagnostics;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Init;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Tests.Init;

/// <summary>
/// Initialisation stops soon after its token is cancelled: k-means++ checks it before every candidate centre (one
/// pass over the sample) and Lloyd for every row, so a cancelled job stops burning CPU. The work here (K = 4000
/// over 50 000 rows × 8 features) takes minutes on one core when it is not cancelled.
/// </summary>
public sealed class InitCancellationTests
{
    [Fact]
    public void A_cancelled_mixture_initialisation_throws_soon_after_the_cancel()
    {
        var sample = Sample(50_000, 8);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var watch = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => GaussianMixtureInitializer.Create(
            sample, 4000, CovarianceType.Full, 1e-6, InitMethod.KMeansPlusPlus, 1, 0, cancel.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"stopped after {watch.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void A_cancelled_hmm_initialisation_throws_soon_after_the_cancel()
    {
        var sample = Sample(50_000, 8);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.ThrowsAny<OperationCanceledException>(() => HmmInitializer.CreateGaussian(
            sample, 4000, CovarianceType.Diag, 1e-6, 1, 0, cancellationToken: cancel.Token));
    }

    [Fact]
    public void A_token_cancelled_before_the_lloyd_passes_stops_them()
    {
        var sample = Sample(2000, 3);
        using var cancel = new CancellationTokenSource();
        var centres = KMeans.Seed(sample, 20, new Random(1));
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => KMeans.Lloyd(sample, centres, 20, 10, cancel.Token));
    }

    private static RowSample Sample(int rows, int features)
    {
        var random = new Random(5);
        var values = new double[rows * features];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble();
        }

        return new RowSample(values, Enumerable.Repeat(1.0, rows).ToArray(), features);
    }
}
