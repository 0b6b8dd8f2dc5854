using AiMass.Kernels.Mixture;
using AiMass.Kernels.Synthetic;
using AiMass.Seed.Protocol;
using Xunit.Abstractions;

namespace AiMass.Seed.Tests.Serialization;

/// <summary>The hot-path messages at a realistic size: K=64 components, D=128 features, full covariances.</summary>
public sealed class MessageSizeTests(ITestOutputHelper output) : IDisposable
{
    private const int K = 64;
    private const int D = 128;
    private readonly SerializerHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    /// <summary>Float64 values of one full-covariance payload: K weights (or counts), K·D means, K triangles.</summary>
    private static long PayloadValues => K + ((long)K * D) + ((long)K * D * (D + 1) / 2);

    [Fact]
    public void A_K64_D128_full_ComputeStatistics_round_trips_with_triangles_only()
    {
        var parameters = SyntheticMixtures.Random(K, D, CovarianceType.Full, seed: 21);
        var message = new PartitionCommands.ComputeStatistics("job-big", 5, 9, 1, MessageSamples.Dataset, parameters);

        var (back, bytes) = _harness.RoundTrip(message);

        Same.Parameters(parameters, back.Parameters);
        output.WriteLine($"ComputeStatistics K={K} D={D} full: {bytes.Length} bytes ({bytes.Length / 1e6:F2} MB)");
        Assert.InRange(bytes.Length - (8 * PayloadValues), 0, 200);
    }

    [Fact]
    public void A_K64_D128_full_StatisticsComputed_round_trips_with_triangles_only()
    {
        var random = new Random(4);
        var s2 = new double[K * D * D];
        for (var i = 0; i < s2.Length; i++)
        {
            s2[i] = random.NextDouble();
        }

        var statistics = new GaussianMixtureStatistics(
            CovarianceType.Full, K, D, Values(K, random), Values(K * D, random), s2, -1.5e6, 1e5, 100_000);
        var message = new PartitionEvents.StatisticsComputed(
            "job-big", 5, 9, 1, statistics, 123.5, 0, "akka.tcp://aimass@w:2", "cuda 0");

        var (back, bytes) = _harness.RoundTrip(message);

        Same.Statistics(statistics, back.Statistics);
        output.WriteLine($"StatisticsComputed K={K} D={D} full: {bytes.Length} bytes ({bytes.Length / 1e6:F2} MB)");
        Assert.InRange(bytes.Length - (8 * PayloadValues), 0, 200);
    }

    private static double[] Values(int count, Random random) =>
        Enumerable.Range(0, count).Select(_ => random.NextDouble()).ToArray();
}
