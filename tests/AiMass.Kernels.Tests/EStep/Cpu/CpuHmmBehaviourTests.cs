using AiMass.Kernels.Data;
using AiMass.Kernels.EStep;
using AiMass.Kernels.EStep.Cpu;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Tests.Hmm;
using Xunit.Abstractions;

namespace AiMass.Kernels.Tests.EStep.Cpu;

public sealed class CpuHmmBehaviourTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(HmmEmission.GaussianDiag, EStepPrecision.Single)]
    [InlineData(HmmEmission.GaussianFull, EStepPrecision.Single)]
    [InlineData(HmmEmission.Categorical, EStepPrecision.Single)]
    [InlineData(HmmEmission.GaussianFull, EStepPrecision.Double)]
    public void Statistics_are_bit_identical_for_one_two_and_three_threads(HmmEmission kind, EStepPrecision precision)
    {
        var truth = HmmCpuFixture.Model(kind, 5, 4, seed: 71);
        var partition = HmmCpuFixture.Partition(truth, HmmCpuFixture.Lengths(60, 700, seed: 72), seed: 73);
        Assert.True(partition.RowCount > 4 * HmmBlockPlan.TargetRows, "several blocks of sequences");
        var model = HmmCpuFixture.Perturbed(truth, seed: 74);
        HmmStatistics? first = null;
        foreach (var threads in new[] { 1, 2, 3 })
        {
            using var backend = new CpuBackend(new EStepOptions(precision, threads));
            using var step = backend.Bind(partition);
            for (var repeat = 0; repeat < 2; repeat++)
            {
                var stats = (HmmStatistics)step.Compute(model, CancellationToken.None);
                if (first is null)
                {
                    first = stats;
                }
                else
                {
                    HmmStatisticsComparison.AssertIdentical(first, stats);
                }
            }
        }
    }

    [Fact]
    public void A_cancelled_token_stops_the_computation_with_OperationCanceledException()
    {
        var truth = HmmCpuFixture.Model(HmmEmission.GaussianDiag, 4, 3, seed: 81);
        var sample = HmmSampler.Sample(truth, 60, 1000, seed: 82);
        using var cancellation = new CancellationTokenSource();
        var source = new ObservedRowSource(
            new ArrayRowSource(sample.Observations, 3), cancelAtRow: 20_000, cancellation);
        using var backend = new CpuBackend(new EStepOptions(EStepPrecision.Single, 2));
        using var step = backend.Bind(new DataPartition(0, source, SequenceLengths: sample.Lengths));
        Assert.ThrowsAny<OperationCanceledException>(() => step.Compute(truth, cancellation.Token));
        Assert.True(
            source.RowsReadAfterCancel < 20_000, $"{source.RowsReadAfterCancel} rows were read after cancelling");

        // The backend stays usable after a cancelled run.
        Assert.Equal(60_000, step.Compute(truth, CancellationToken.None).Rows);
    }

    [Fact]
    public void Rows_are_read_on_the_backends_own_threads_not_the_thread_pool()
    {
        var truth = HmmCpuFixture.Model(HmmEmission.Categorical, 3, 4, seed: 91);
        var sample = HmmSampler.Sample(truth, 20, 500, seed: 92);
        var source = new ObservedRowSource(new ArrayRowSource(sample.Observations, 1), long.MaxValue, null);
        using var backend = new CpuBackend(new EStepOptions(EStepPrecision.Single, 2));
        using var step = backend.Bind(new DataPartition(0, source, SequenceLengths: sample.Lengths));
        step.Compute(truth, CancellationToken.None);
        Assert.StartsWith("cpu (", step.Device, StringComparison.Ordinal);
        Assert.NotEmpty(source.ThreadNames);
        Assert.All(source.ThreadNames, name => Assert.StartsWith("aimass-cpu-estep-", name));
        Assert.False(source.ReadOnThreadPool);
    }

    [Theory]
    [InlineData(EStepPrecision.Single)]
    [InlineData(EStepPrecision.Double)]
    public void Ten_Baum_Welch_iterations_on_the_cpu_backend_match_the_reference_run(EStepPrecision precision)
    {
        foreach (var kind in Enum.GetValues<HmmEmission>())
        {
            var truth = HmmCpuFixture.Model(kind, 4, 3, seed: 101);
            var partition = HmmCpuFixture.Partition(truth, HmmCpuFixture.Lengths(30, 400, seed: 102), seed: 103);
            var initial = HmmCpuFixture.Perturbed(truth, seed: 104);
            using var backend = new CpuBackend(new EStepOptions(precision, 2));
            using var step = backend.Bind(partition);
            var expected = Fit(initial, p => ReferenceHmmEStep.Compute(partition, p, CancellationToken.None));
            var actual = Fit(initial, p => step.Compute(p, CancellationToken.None));
            var scaled = HmmParameterComparison.Worst(expected, actual);
            output.WriteLine($"{kind} {precision}: largest scaled difference {scaled:E2}");
            Assert.True(scaled <= 1e-6, $"{kind} {precision}: scaled difference {scaled:E2}");
            if (precision == EStepPrecision.Double)
            {
                Assertions.SameModel(expected, actual, 1e-10); // entry by entry, relative
            }
        }
    }

    [Fact]
    public void A_sequence_with_probability_zero_is_reported_as_the_reference_reports_it()
    {
        // Symbol 4 has probability 0 in every state.
        var model = HmmParameters.CreateCategorical(
            [0.5, 0.5], [0.9, 0.1, 0.2, 0.8], [0.5, 0.3, 0.2, 0, 0, 0.1, 0.1, 0.4, 0.4, 0], 5);
        var rows = new ArrayRowSource([0, 1, 2, 3, 1, 1, 4, 0], 1, "x.npy");
        var partition = new DataPartition(0, rows, SequenceLengths: [5, 3]);
        using var backend = new CpuBackend(new EStepOptions(EStepPrecision.Single, 2));
        using var step = backend.Bind(partition);
        var expected = Assert.Throws<InvalidInputException>(
            () => ReferenceHmmEStep.Compute(partition, model, CancellationToken.None));
        var actual = Assert.Throws<InvalidInputException>(() => step.Compute(model, CancellationToken.None));
        Assert.Equal(expected.Message, actual.Message);
        Assert.Contains("Sequence 1 (rows 5–7 of x.npy)", actual.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2.5)]
    [InlineData(5)]
    [InlineData(-1)]
    public void A_bad_symbol_is_reported_by_its_row_as_the_reference_reports_it(double symbol)
    {
        var model = HmmCpuFixture.Model(HmmEmission.Categorical, 2, 4, seed: 111);
        var rows = new ArrayRowSource([0, 1, 2, 3, 4, 1, symbol, 0], 1, "x.npy");
        var partition = new DataPartition(0, rows, SequenceLengths: [4, 4]);
        using var backend = new CpuBackend();
        using var step = backend.Bind(partition);
        var expected = Assert.Throws<InvalidInputException>(
            () => ReferenceHmmEStep.Compute(partition, model, CancellationToken.None));
        var actual = Assert.Throws<InvalidInputException>(() => step.Compute(model, CancellationToken.None));
        Assert.Equal(expected.Message, actual.Message);
        Assert.Contains("row 6", actual.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_weights_are_refused_as_the_reference_refuses_them()
    {
        var model = TestModels.Gaussian(HmmEmission.GaussianDiag);
        var sample = HmmSampler.Sample(model, [10], seed: 121);
        var partition = new DataPartition(
            0, new ArrayRowSource(sample.Observations, 2, "x.npy"), new ArrayRowSource(new double[10], 1));
        using var backend = new CpuBackend();
        using var step = backend.Bind(partition);
        var error = Assert.Throws<InvalidInputException>(() => step.Compute(model, CancellationToken.None));
        Assert.Equal("x.npy: HMMs take no sample weights; fit without --weights.", error.Message);
    }

    [Fact]
    public void An_empty_partition_gives_zero_statistics()
    {
        var model = TestModels.Gaussian(HmmEmission.GaussianFull);
        using var backend = new CpuBackend();
        using var step = backend.Bind(new DataPartition(0, new ArrayRowSource([], 2)));
        var stats = (HmmStatistics)step.Compute(model, CancellationToken.None);
        Assert.Equal(0, stats.Rows);
        Assert.Equal(0, stats.Sequences);
        Assert.Equal(0, stats.LogLikelihood);
        Assert.All(stats.S2, v => Assert.Equal(0, v));
    }

    private static HmmParameters Fit(HmmParameters initial, Func<HmmParameters, SufficientStatistics> estep)
    {
        var run = new EmRun(new HmmMStep(), initial, new EmSettings(10, 0));
        while (!run.IsFinished)
        {
            run.Advance(estep((HmmParameters)run.Parameters));
        }

        Assert.Equal(10, run.Iteration);
        return (HmmParameters)run.Parameters;
    }
}
