using AiMass.Kernels.EStep;
using AiMass.Kernels.EStep.Cpu;
using AiMass.Kernels.Hmm;
using Xunit.Abstractions;

namespace AiMass.Kernels.Tests.EStep.Cpu;

/// <summary>
/// The CPU HMM E-step against <see cref="ReferenceHmmEStep"/>. Tolerances come from measurements over these cases
/// (worst seen in brackets): single precision, statistics arrays 1e−6 relative to each array's largest entry
/// [1.9e−7] and the log-likelihood 1e−7 [3e−8] — the float32 rounding of the centred rows alone perturbs each
/// log-density by ~ε₃₂·‖y‖²; double precision 1e−12 for both [8e−15, 4e−16].
/// </summary>
public sealed class CpuHmmAccuracyTests(ITestOutputHelper output)
{
    public static TheoryData<HmmEmission, int, int, bool> Shapes()
    {
        var data = new TheoryData<HmmEmission, int, int, bool>();
        var leftRight = false;
        foreach (var kind in Enum.GetValues<HmmEmission>())
        {
            foreach (var s in new[] { 1, 3, 17 })
            {
                foreach (var d in new[] { 1, 5, 9 })
                {
                    data.Add(kind, s, d, leftRight); // every other shape left-right (structural zeros)
                    leftRight = !leftRight;
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Statistics_match_the_reference_in_single_and_double_precision(
        HmmEmission kind, int states, int features, bool leftRight)
    {
        var truth = HmmCpuFixture.Model(kind, states, features, seed: (states * 10) + features, leftRight);
        var model = HmmCpuFixture.Perturbed(truth, seed: 7);
        var partition = HmmCpuFixture.Partition(truth, HmmCpuFixture.Lengths(40, 300, seed: 3), seed: 4);
        var expected = ReferenceHmmEStep.Compute(partition, model, CancellationToken.None);
        foreach (var precision in new[] { EStepPrecision.Single, EStepPrecision.Double })
        {
            var actual = Compute(partition, model, precision, CpuKernelSet.Auto);
            AssertClose(actual, expected, precision, $"{kind} S={states} D={features} left-right={leftRight}");
        }
    }

    [KernelSetTheory]
    [InlineData("Vector512", EStepPrecision.Single)]
    [InlineData("Vector512", EStepPrecision.Double)]
    [InlineData("Vector256", EStepPrecision.Single)]
    [InlineData("Vector256", EStepPrecision.Double)]
    [InlineData("Scalar", EStepPrecision.Single)]
    [InlineData("Scalar", EStepPrecision.Double)]
    public void Every_vector_width_matches_the_reference_for_every_emission_kind(
        string kernelSet, EStepPrecision precision)
    {
        var kernels = Enum.Parse<CpuKernelSet>(kernelSet);

        foreach (var kind in Enum.GetValues<HmmEmission>())
        {
            var truth = HmmCpuFixture.Model(kind, 17, 5, seed: 31, leftRight: true);
            var model = HmmCpuFixture.Perturbed(truth, seed: 32);
            var partition = HmmCpuFixture.Partition(truth, HmmCpuFixture.Lengths(20, 400, seed: 33), seed: 34);
            var expected = ReferenceHmmEStep.Compute(partition, model, CancellationToken.None);
            AssertClose(Compute(partition, model, precision, kernels), expected, precision, $"{kind} {kernelSet}");
        }
    }

    [Theory]
    [InlineData(HmmEmission.GaussianDiag)]
    [InlineData(HmmEmission.GaussianFull)]
    [InlineData(HmmEmission.Categorical)]
    public void Two_thousand_sequences_of_one_to_five_steps_match_the_reference(HmmEmission kind)
    {
        var truth = HmmCpuFixture.Model(kind, 4, 3, seed: 41);
        var model = HmmCpuFixture.Perturbed(truth, seed: 42);
        var partition = HmmCpuFixture.Partition(truth, HmmCpuFixture.Lengths(2000, 5, seed: 43), seed: 44);
        var expected = ReferenceHmmEStep.Compute(partition, model, CancellationToken.None);
        foreach (var precision in new[] { EStepPrecision.Single, EStepPrecision.Double })
        {
            AssertClose(Compute(partition, model, precision, CpuKernelSet.Auto), expected, precision, $"{kind}");
        }
    }

    [Theory]
    [InlineData(HmmEmission.GaussianDiag)]
    [InlineData(HmmEmission.Categorical)]
    public void One_sequence_of_100000_steps_matches_the_reference(HmmEmission kind)
    {
        var truth = HmmCpuFixture.Model(kind, 3, 2, seed: 51);
        var model = HmmCpuFixture.Perturbed(truth, seed: 52);
        var partition = HmmCpuFixture.Partition(truth, [100_000], seed: 53);
        var expected = ReferenceHmmEStep.Compute(partition, model, CancellationToken.None);
        Assert.True(expected.LogLikelihood < -100_000, "p(X) is far below the smallest double");
        foreach (var precision in new[] { EStepPrecision.Single, EStepPrecision.Double })
        {
            AssertClose(Compute(partition, model, precision, CpuKernelSet.Auto), expected, precision, $"{kind}");
        }
    }

    [Fact]
    public void Structural_zeros_of_the_transition_matrix_get_exactly_zero_counts()
    {
        var truth = HmmCpuFixture.Model(HmmEmission.GaussianFull, 5, 3, seed: 61, leftRight: true);
        var model = HmmCpuFixture.Perturbed(truth, seed: 62);
        var partition = HmmCpuFixture.Partition(truth, HmmCpuFixture.Lengths(30, 200, seed: 63), seed: 64);
        var actual = Compute(partition, model, EStepPrecision.Single, CpuKernelSet.Auto);
        for (var i = 0; i < model.Transitions.Length; i++)
        {
            Assert.Equal(model.Transitions[i] == 0, actual.Transitions[i] == 0);
        }

        Assert.All(actual.Start.Skip(1), v => Assert.Equal(0, v)); // π = e₀
        Assert.Equal(30, actual.Start[0], 9);
    }

    private static HmmStatistics Compute(
        Kernels.Data.DataPartition partition, HmmParameters model, EStepPrecision precision, CpuKernelSet kernels)
    {
        using var backend = new CpuBackend(new EStepOptions(precision, 2), kernels);
        using var step = backend.Bind(partition);
        return (HmmStatistics)step.Compute(model, CancellationToken.None);
    }

    private void AssertClose(HmmStatistics actual, HmmStatistics expected, EStepPrecision precision, string what)
    {
        var (arrays, logLikelihood) = HmmStatisticsComparison.Errors(actual, expected);
        var single = precision == EStepPrecision.Single;
        output.WriteLine($"{what} {precision}: arrays {arrays:E2}, log-likelihood {logLikelihood:E2}");
        Assert.True(arrays <= (single ? 1e-6 : 1e-12), $"{what} {precision}: statistics relative error {arrays:E2}");
        Assert.True(
            logLikelihood <= (single ? 1e-7 : 1e-12),
            $"{what} {precision}: log-likelihood relative error {logLikelihood:E2}");
    }
}
