using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.EStep.Cpu;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using Xunit.Abstractions;

namespace AiMass.Kernels.Tests.EStep.Cpu;

/// <summary>
/// The same E-step through the AVX2 and the AVX-512 kernel sets. Every per-lane operation (fused multiply-add on
/// both, the float32 exp, log, float64 exp) gives the same bits on both widths; what differs is the order in which
/// sums over rows (and, for HMMs, over states) combine the lanes of a register, so statistics agree to rounding,
/// not bit for bit (docs/OPERATIONS.md: a mixed cluster pins one width with --cpu-kernels to be bit-identical).
/// </summary>
public sealed class CrossWidthBitsTests(ITestOutputHelper output)
{
    private const int N = 3000;

    public static TheoryData<string, string, CovarianceType, EStepPrecision> MixtureCases()
    {
        var data = new TheoryData<string, string, CovarianceType, EStepPrecision>();
        foreach (var type in Enum.GetValues<CovarianceType>())
        {
            foreach (var precision in Enum.GetValues<EStepPrecision>())
            {
                data.Add("Vector256", "Vector512", type, precision);
            }
        }

        return data;
    }

    [KernelSetTheory]
    [MemberData(nameof(MixtureCases))]
    public void Mixture_statistics_on_avx2_and_avx512_differ_only_by_the_order_of_lane_sums(
        string narrow, string wide, CovarianceType type, EStepPrecision precision)
    {
        foreach (var (d, k) in new[] { (3, 4), (13, 5), (33, 3) })
        {
            var rows = MixtureFixture.Rows(N, d, k, seed: 200 + d);
            var partition = MixtureFixture.Partition(rows, d, MixtureFixture.Weights(N, seed: 300 + d));
            var parameters = MixtureFixture.Parameters(type, rows, d, k, seed: 400 + d);
            var a = Compute(partition, parameters, precision, Enum.Parse<CpuKernelSet>(narrow));
            var b = Compute(partition, parameters, precision, Enum.Parse<CpuKernelSet>(wide));
            var difference = StatisticsComparison.MaxRelativeError(
                (GaussianMixtureStatistics)a, (GaussianMixtureStatistics)b);
            output.WriteLine($"{type} {precision} D={d} K={k}: max relative difference {difference:E2}");
            Assert.InRange(difference, 0, Rounding(precision));
        }
    }

    [KernelSetTheory]
    [InlineData("Vector256", "Vector512", HmmEmission.GaussianFull, EStepPrecision.Single)]
    [InlineData("Vector256", "Vector512", HmmEmission.GaussianFull, EStepPrecision.Double)]
    [InlineData("Vector256", "Vector512", HmmEmission.GaussianDiag, EStepPrecision.Single)]
    [InlineData("Vector256", "Vector512", HmmEmission.GaussianDiag, EStepPrecision.Double)]
    [InlineData("Vector256", "Vector512", HmmEmission.Categorical, EStepPrecision.Single)]
    public void Hmm_statistics_on_avx2_and_avx512_differ_only_by_the_order_of_lane_sums(
        string narrow, string wide, HmmEmission kind, EStepPrecision precision)
    {
        var truth = HmmCpuFixture.Model(kind, 5, 3, seed: 51);
        var model = HmmCpuFixture.Perturbed(truth, seed: 52);
        var partition = HmmCpuFixture.Partition(truth, HmmCpuFixture.Lengths(12, 300, seed: 53), seed: 54);
        var a = (HmmStatistics)Compute(partition, model, precision, Enum.Parse<CpuKernelSet>(narrow));
        var b = (HmmStatistics)Compute(partition, model, precision, Enum.Parse<CpuKernelSet>(wide));
        var (arrays, logLikelihood) = HmmStatisticsComparison.Errors(a, b);
        output.WriteLine($"{kind} {precision}: differences {arrays:E2} (arrays), {logLikelihood:E2} (log-likelihood)");
        Assert.InRange(Math.Max(arrays, logLikelihood), 0, Rounding(precision));
    }

    /// <summary>A few roundings of the element type: what reordering a sum of lanes can change.</summary>
    private static double Rounding(EStepPrecision precision) =>
        precision == EStepPrecision.Single ? 8.0 / (1 << 23) : 16 * 2.220446049250313e-16;

    private static SufficientStatistics Compute(
        DataPartition partition, ModelParameters parameters, EStepPrecision precision, CpuKernelSet set)
    {
        using var backend = new CpuBackend(new EStepOptions(precision, 2), set);
        using var step = backend.Bind(partition);
        return step.Compute(parameters, CancellationToken.None);
    }
}
