using AiMass.Kernels.EStep;
using AiMass.Kernels.EStep.Cpu;
using AiMass.Kernels.Mixture;
using Xunit;

namespace AiMass.Kernels.Tests.EStep.Cpu;

public sealed class CpuBackendAccuracyTests
{
    private const int Rows = 1000; // five tiles and a partial one

    public static TheoryData<CovarianceType, int, int, bool> Shapes()
    {
        var data = new TheoryData<CovarianceType, int, int, bool>();
        foreach (var type in Enum.GetValues<CovarianceType>())
        {
            foreach (var (d, k) in new[] { (1, 1), (1, 5), (7, 5), (33, 5), (16, 1) })
            {
                data.Add(type, d, k, false);
                data.Add(type, d, k, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Single_precision_statistics_match_the_reference_within_1e5(
        CovarianceType type, int d, int k, bool weighted) =>
        AssertMatchesReference(type, d, k, weighted, EStepPrecision.Single, CpuKernelSet.Auto, 1e-5);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_precision_statistics_match_the_reference_within_1e10(
        CovarianceType type, int d, int k, bool weighted) =>
        AssertMatchesReference(type, d, k, weighted, EStepPrecision.Double, CpuKernelSet.Auto, 1e-10);

    [KernelSetTheory]
    [InlineData("Vector512", EStepPrecision.Single)]
    [InlineData("Vector512", EStepPrecision.Double)]
    [InlineData("Vector256", EStepPrecision.Single)]
    [InlineData("Vector256", EStepPrecision.Double)]
    [InlineData("Scalar", EStepPrecision.Single)]
    [InlineData("Scalar", EStepPrecision.Double)]
    public void Every_vector_width_matches_the_reference_for_every_covariance_type(
        string kernelSet, EStepPrecision precision)
    {
        var kernels = Enum.Parse<CpuKernelSet>(kernelSet);

        var tolerance = precision == EStepPrecision.Single ? 1e-5 : 1e-10;
        foreach (var type in Enum.GetValues<CovarianceType>())
        {
            foreach (var (d, k) in new[] { (1, 1), (7, 5), (33, 5) })
            {
                AssertMatchesReference(type, d, k, weighted: true, precision, kernels, tolerance);
            }
        }
    }

    [Fact]
    public void The_largest_supported_shape_K256_D128_full_runs_and_matches_the_reference()
    {
        const int d = 128, k = 256, n = 200;
        var rows = MixtureFixture.Rows(n, d, 8, seed: 5);
        var parameters = MixtureFixture.Parameters(CovarianceType.Full, rows, d, k, seed: 6);
        var partition = MixtureFixture.Partition(rows, d);
        using var backend = new CpuBackend(new EStepOptions(EStepPrecision.Single, 2));
        using var step = backend.Bind(partition);
        var actual = (GaussianMixtureStatistics)step.Compute(parameters, CancellationToken.None);
        var expected = ReferenceGaussianMixtureEStep.Compute(partition, parameters, CancellationToken.None);
        Assert.InRange(StatisticsComparison.MaxRelativeError(actual, expected), 0, 1e-5);
    }

    private static void AssertMatchesReference(
        CovarianceType type, int d, int k, bool weighted, EStepPrecision precision, CpuKernelSet kernels,
        double tolerance)
    {
        var seed = (d * 100) + k;
        var rows = MixtureFixture.Rows(Rows, d, Math.Max(k, 2), seed);
        var weights = weighted ? MixtureFixture.Weights(Rows, seed + 1) : null;
        var parameters = MixtureFixture.Parameters(type, rows, d, k, seed + 2);
        var partition = MixtureFixture.Partition(rows, d, weights);
        using var backend = new CpuBackend(new EStepOptions(precision, 2), kernels);
        using var step = backend.Bind(partition);
        var actual = (GaussianMixtureStatistics)step.Compute(parameters, CancellationToken.None);
        var expected = ReferenceGaussianMixtureEStep.Compute(partition, parameters, CancellationToken.None);
        var error = StatisticsComparison.MaxRelativeError(actual, expected);
        Assert.True(error <= tolerance,
            $"{type} D={d} K={k} weighted={weighted} {precision} {kernels}: " +
            $"relative error {error:E2} > {tolerance:E0}");
    }
}
