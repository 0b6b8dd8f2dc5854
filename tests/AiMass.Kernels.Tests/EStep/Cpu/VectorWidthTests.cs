using AiMass.Kernels.EStep;
using AiMass.Kernels.EStep.Cpu;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Tests.EStep.Cpu;

/// <summary>
/// The float32 mixture E-step gives the same bits with 16-lane (AVX-512) and 8-lane (AVX2) registers: every
/// per-row value is computed lane by lane with the same operations, and every sum over rows runs in an order that
/// does not depend on the register width (feature lanes, or sixteen fixed row lanes). So a cluster of AVX2 and
/// AVX-512 workers fits the same model bit for bit.
/// </summary>
public sealed class VectorWidthTests
{
    [Avx512Theory]
    [InlineData(CovarianceType.Diag, 16, 16, false)]
    [InlineData(CovarianceType.Diag, 7, 5, true)]
    [InlineData(CovarianceType.Diag, 33, 6, true)]
    [InlineData(CovarianceType.Spherical, 16, 16, false)]
    [InlineData(CovarianceType.Spherical, 9, 3, true)]
    [InlineData(CovarianceType.Full, 16, 8, false)]
    [InlineData(CovarianceType.Full, 33, 5, true)]
    [InlineData(CovarianceType.Tied, 7, 5, true)]
    public void Vector512_and_Vector256_kernels_give_bit_identical_statistics(
        CovarianceType type, int d, int k, bool weighted)
    {
        const int n = (2 * MixtureLayout.BlockRows) + 389; // three blocks, the last one partial
        var seed = (d * 10) + k;
        var rows = MixtureFixture.Rows(n, d, k, seed);
        var partition = MixtureFixture.Partition(rows, d, weighted ? MixtureFixture.Weights(n, seed + 1) : null);
        var parameters = MixtureFixture.Parameters(type, rows, d, k, seed + 2);

        var wide = Statistics(partition, parameters, CpuKernelSet.Vector512);
        var narrow = Statistics(partition, parameters, CpuKernelSet.Vector256);

        StatisticsComparison.AssertIdentical(wide, narrow);
    }

    private static GaussianMixtureStatistics Statistics(
        Kernels.Data.DataPartition partition, GaussianMixtureParameters parameters, CpuKernelSet kernels)
    {
        using var backend = new CpuBackend(new EStepOptions(EStepPrecision.Single, 2), kernels);
        using var step = backend.Bind(partition);
        step.Compute(parameters, CancellationToken.None); // the first run streams and fills the resident copy
        var streamed = (GaussianMixtureStatistics)step.Compute(parameters, CancellationToken.None);
        return streamed;
    }
}
