using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.EStep.Cpu;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Tests.EStep.Cpu;

/// <summary>
/// Resident tile copies (<see cref="ResidentTiles{T}"/>): a partition that keeps its prepared tiles gives the
/// statistics a streamed one does, bit for bit, for every covariance type, HMM emission, precision, vector width
/// and thread count; iterations after the first read nothing from the source; the budget is honoured.
/// </summary>
public sealed class ResidentTilesTests
{
    private const int D = 5, K = 3;

    /// <summary>Two blocks and a partial one ending in a partial tile; D = 5 pads rows and columns.</summary>
    private const int N = (2 * MixtureLayout.BlockRows) + 517;

    public static TheoryData<string, EStepPrecision> KernelSets() => new()
    {
        { "Vector512", EStepPrecision.Single },
        { "Vector512", EStepPrecision.Double },
        { "Vector256", EStepPrecision.Single },
        { "Vector256", EStepPrecision.Double },
        { "Scalar", EStepPrecision.Single },
        { "Scalar", EStepPrecision.Double },
    };

    [KernelSetTheory]
    [MemberData(nameof(KernelSets))]
    public void Resident_and_streamed_mixture_statistics_are_bit_identical_for_every_covariance_type(
        string kernelSet, EStepPrecision precision)
    {
        var kernels = Enum.Parse<CpuKernelSet>(kernelSet);
        var rows = MixtureFixture.Rows(N, D, K, seed: 101);
        foreach (var weights in new[] { MixtureFixture.Weights(N, seed: 102), null })
        {
            foreach (var type in Enum.GetValues<CovarianceType>())
            {
                AssertResidentMatchesStreamed(rows, weights, type, precision, kernels);
            }
        }
    }

    [KernelSetTheory]
    [InlineData(HmmEmission.GaussianDiag, EStepPrecision.Single, "Auto")]
    [InlineData(HmmEmission.GaussianFull, EStepPrecision.Single, "Auto")]
    [InlineData(HmmEmission.GaussianFull, EStepPrecision.Double, "Auto")]
    [InlineData(HmmEmission.GaussianDiag, EStepPrecision.Single, "Vector256")]
    [InlineData(HmmEmission.GaussianFull, EStepPrecision.Double, "Scalar")]
    public void Resident_and_streamed_hmm_statistics_are_bit_identical(
        HmmEmission kind, EStepPrecision precision, string kernelSet)
    {
        var kernels = Enum.Parse<CpuKernelSet>(kernelSet);
        var truth = HmmCpuFixture.Model(kind, 4, D, seed: 111);
        var model = HmmCpuFixture.Perturbed(truth, seed: 112);
        var sample = HmmSampler.Sample(truth, HmmCpuFixture.Lengths(40, 700, seed: 113), seed: 114);
        using var streaming = new CpuBackend(new EStepOptions(precision, 2) { ResidentBytes = 0 }, kernels);
        using var streamed = streaming.Bind(HmmPartition(new ArrayRowSource(sample.Observations, D), sample));
        var expected = (HmmStatistics)streamed.Compute(model, CancellationToken.None);
        foreach (var threads in new[] { 1, 3 })
        {
            var source = new RecordingRowSource(sample.Observations, D);
            using var backend = new CpuBackend(new EStepOptions(precision, threads), kernels);
            using var step = backend.Bind(HmmPartition(source, sample));
            for (var iteration = 0; iteration < 3; iteration++)
            {
                var readBefore = source.RowsRead;
                HmmStatisticsComparison.AssertIdentical(expected, (HmmStatistics)step.Compute(model, default));
                Assert.True(Residency(step).HasCopy);
                if (iteration > 0)
                {
                    Assert.Equal(readBefore, source.RowsRead);
                }
            }
        }
    }

    [Fact]
    public void Categorical_hmms_keep_no_copy_and_read_their_symbols_every_iteration()
    {
        var truth = HmmCpuFixture.Model(HmmEmission.Categorical, 3, 4, seed: 121);
        var sample = HmmSampler.Sample(truth, HmmCpuFixture.Lengths(10, 500, seed: 122), seed: 123);
        var source = new RecordingRowSource(sample.Observations, 1);
        using var backend = new CpuBackend(new EStepOptions(EStepPrecision.Single, 2));
        using var step = backend.Bind(HmmPartition(source, sample));
        var first = (HmmStatistics)step.Compute(truth, CancellationToken.None);
        var readAfterFirst = source.RowsRead;
        HmmStatisticsComparison.AssertIdentical(first, (HmmStatistics)step.Compute(truth, CancellationToken.None));
        Assert.False(Residency(step).HasCopy);
        Assert.Equal(2 * readAfterFirst, source.RowsRead);
    }

    [Fact]
    public void A_partition_over_the_budget_streams_until_another_lets_its_copy_go()
    {
        var rows = MixtureFixture.Rows(N, D, K, seed: 131);
        var parameters = MixtureFixture.Parameters(CovarianceType.Full, rows, D, K, seed: 132);
        long copyBytes;
        using (var probe = new CpuBackend(new EStepOptions(EStepPrecision.Single, 2)))
        using (var step = probe.Bind(MixtureFixture.Partition(rows, D)))
        {
            step.Compute(parameters, CancellationToken.None);
            copyBytes = Residency(step).Bytes;
        }

        Assert.True(copyBytes >= (long)N * 2 * D * sizeof(float), $"a copy of {copyBytes} bytes is too small");
        using var backend = new CpuBackend(new EStepOptions(EStepPrecision.Single, 2) { ResidentBytes = copyBytes });
        var first = backend.Bind(MixtureFixture.Partition(rows, D));
        var secondSource = new RecordingRowSource(rows, D);
        using var second = backend.Bind(new DataPartition(1, secondSource));
        var expected = (GaussianMixtureStatistics)first.Compute(parameters, CancellationToken.None);
        Assert.True(Residency(first).HasCopy);
        Assert.Equal(copyBytes, backend.Residency.Used);
        StatisticsComparison.AssertIdentical(
            expected, (GaussianMixtureStatistics)second.Compute(parameters, CancellationToken.None)); // + centre
        for (var iteration = 0; iteration < 2; iteration++)
        {
            var readBefore = secondSource.RowsRead;
            StatisticsComparison.AssertIdentical(
                expected, (GaussianMixtureStatistics)second.Compute(parameters, CancellationToken.None));
            Assert.False(Residency(second).HasCopy, "the budget holds one copy");
            Assert.Equal(readBefore + N, secondSource.RowsRead); // streamed: every row, every iteration
        }

        first.Dispose();
        Assert.Equal(0, backend.Residency.Used);
        StatisticsComparison.AssertIdentical(
            expected, (GaussianMixtureStatistics)second.Compute(parameters, CancellationToken.None));
        Assert.True(Residency(second).HasCopy);
    }

    [Fact]
    public void A_budget_one_byte_short_of_the_copy_streams()
    {
        var rows = MixtureFixture.Rows(N, D, K, seed: 141);
        var parameters = MixtureFixture.Parameters(CovarianceType.Diag, rows, D, K, seed: 142);
        using var probe = new CpuBackend(new EStepOptions(EStepPrecision.Double, 2));
        using var fits = probe.Bind(MixtureFixture.Partition(rows, D));
        var expected = (GaussianMixtureStatistics)fits.Compute(parameters, CancellationToken.None);
        var bytes = Residency(fits).Bytes;

        using var backend = new CpuBackend(new EStepOptions(EStepPrecision.Double, 2) { ResidentBytes = bytes - 1 });
        using var step = backend.Bind(MixtureFixture.Partition(rows, D));
        StatisticsComparison.AssertIdentical(
            expected, (GaussianMixtureStatistics)step.Compute(parameters, CancellationToken.None));
        Assert.False(Residency(step).HasCopy);
        Assert.Equal(0, backend.Residency.Used);
    }

    [Fact]
    public void Every_pass_that_reads_the_source_evicts_each_row_once_and_iterations_on_the_copy_evict_nothing()
    {
        var rows = MixtureFixture.Rows(N, D, K, seed: 151);
        var parameters = MixtureFixture.Parameters(CovarianceType.Tied, rows, D, K, seed: 152);
        var source = new RecordingRowSource(rows, D);
        using var backend = new CpuBackend(new EStepOptions(EStepPrecision.Single, 3));
        using var step = backend.Bind(new DataPartition(0, source));
        step.Compute(parameters, CancellationToken.None); // the centre pass, then the pass that fills the copy
        AssertPasses(source.Evicted, 2);
        var evictions = source.Evicted.Count;
        step.Compute(parameters, CancellationToken.None);
        Assert.Equal(evictions, source.Evicted.Count);

        var streamedSource = new RecordingRowSource(rows, D);
        using var streaming = new CpuBackend(new EStepOptions(EStepPrecision.Single, 3) { ResidentBytes = 0 });
        using var streamed = streaming.Bind(new DataPartition(0, streamedSource));
        streamed.Compute(parameters, CancellationToken.None);
        streamed.Compute(parameters, CancellationToken.None);
        AssertPasses(streamedSource.Evicted, 3); // a streamed partition gives its rows back after each block
    }

    /// <summary>The evicted ranges are <paramref name="passes"/> runs over rows [0, N), each in row order with
    /// no row twice (blocks are merged in order, so their evictions come in order too).</summary>
    private static void AssertPasses(IReadOnlyList<(long First, long Count)> evicted, int passes)
    {
        var ranges = evicted.OrderBy(e => e.First).ToList();
        Assert.Equal(passes * MixtureLayout.Blocks(N), evicted.Count);
        for (var b = 0; b < MixtureLayout.Blocks(N); b++)
        {
            for (var p = 0; p < passes; p++)
            {
                var (first, count) = ranges[(b * passes) + p];
                Assert.Equal((long)b * MixtureLayout.BlockRows, first);
                Assert.Equal(Math.Min(MixtureLayout.BlockRows, N - first), count);
            }
        }
    }

    [Fact]
    public void A_cancelled_first_iteration_leaves_the_copy_unused_and_the_next_one_fills_it()
    {
        var rows = MixtureFixture.Rows(N, D, K, seed: 161);
        var parameters = MixtureFixture.Parameters(CovarianceType.Full, rows, D, K, seed: 162);
        using var streaming = new CpuBackend(new EStepOptions(EStepPrecision.Single, 2) { ResidentBytes = 0 });
        using var streamed = streaming.Bind(MixtureFixture.Partition(rows, D));
        var expected = (GaussianMixtureStatistics)streamed.Compute(parameters, CancellationToken.None);

        // Cancelled one block into the fill (the centre's pass reads N rows before it).
        using var cancellation = new CancellationTokenSource();
        var recording = new RecordingRowSource(rows, D, N + MixtureLayout.BlockRows, cancellation);
        using var backend = new CpuBackend(new EStepOptions(EStepPrecision.Single, 2));
        using var step = backend.Bind(new DataPartition(0, recording));
        Assert.ThrowsAny<OperationCanceledException>(() => step.Compute(parameters, cancellation.Token));
        Assert.True(Residency(step).HasCopy);
        Assert.InRange(recording.RowsRead, N + MixtureLayout.BlockRows, 2L * N - 1); // part of the fill ran
        for (var iteration = 0; iteration < 2; iteration++)
        {
            var readBefore = recording.RowsRead;
            StatisticsComparison.AssertIdentical(
                expected, (GaussianMixtureStatistics)step.Compute(parameters, CancellationToken.None));
            Assert.Equal(iteration == 0 ? readBefore + N : readBefore, recording.RowsRead);
        }
    }

    [KernelSetTheory]
    [InlineData("Vector256", EStepPrecision.Single, false)]
    [InlineData("Vector256", EStepPrecision.Double, false)]
    [InlineData("Vector512", EStepPrecision.Double, false)]
    [InlineData("Scalar", EStepPrecision.Single, false)]
    [InlineData("Scalar", EStepPrecision.Double, false)]
    [InlineData("Vector256", EStepPrecision.Single, true)]
    public void A_copy_keeps_rows_only_where_avx_shuffles_re_derive_the_columns(
        string kernelSet, EStepPrecision precision, bool hmm)
    {
        var kernels = Enum.Parse<CpuKernelSet>(kernelSet);
        var size = precision == EStepPrecision.Single ? sizeof(float) : sizeof(double);
        var width = kernels switch
        {
            CpuKernelSet.Scalar => 1,
            CpuKernelSet.Vector512 => 64 / size,
            _ => 32 / size,
        };
        var layout = new MixtureLayout(CovarianceType.Diag, K, D, width);
        var rowsOnly = !hmm && width > 1 && System.Runtime.Intrinsics.X86.Avx2.IsSupported;
        using var backend = new CpuBackend(new EStepOptions(precision, 2), kernels);
        long tiles;
        IPartitionEStep step;
        if (hmm)
        {
            var truth = HmmCpuFixture.Model(HmmEmission.GaussianDiag, K, D, seed: 171);
            var sample = HmmSampler.Sample(truth, [500, 100, 1000], seed: 172);
            tiles = 3 + 1 + 6; // per sequence: ⌈500/192⌉ + ⌈100/192⌉ + ⌈1000/192⌉
            step = backend.Bind(HmmPartition(new ArrayRowSource(sample.Observations, D), sample));
            step.Compute(truth, CancellationToken.None);
        }
        else
        {
            var rows = MixtureFixture.Rows(N, D, K, seed: 173);
            tiles = (N + MixtureLayout.TileRows - 1) / MixtureLayout.TileRows;
            step = backend.Bind(MixtureFixture.Partition(rows, D));
            step.Compute(MixtureFixture.Parameters(CovarianceType.Diag, rows, D, K, seed: 174), default);
        }

        using (step)
        {
            var height = rowsOnly ? 0 : layout.Height;
            var expected = tiles * MixtureLayout.TileRows * (layout.PaddedFeatures + height) * size;
            Assert.Equal(expected, Residency(step).Bytes);
        }
    }

    [Fact]
    public void The_default_budget_is_a_quarter_of_the_memory_capped_at_2_GiB_and_a_negative_one_is_refused()
    {
        var quarter = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4;
        Assert.Equal(Math.Min(2L << 30, quarter), EStepOptions.Default.EffectiveResidentBytes);
        Assert.Equal(5, new EStepOptions { ResidentBytes = 5 }.EffectiveResidentBytes);
        using var backend = new CpuBackend(new EStepOptions());
        Assert.Equal(EStepOptions.DefaultResidentBytes(), backend.Residency.Limit);
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new CpuBackend(new EStepOptions { ResidentBytes = -1 }));
        Assert.Contains("ResidentBytes is -1", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Three iterations with a resident copy (1 and 3 threads) against one streamed (2 threads).</summary>
    private static void AssertResidentMatchesStreamed(
        double[] rows, double[]? weights, CovarianceType type, EStepPrecision precision, CpuKernelSet kernels)
    {
        var parameters = MixtureFixture.Parameters(type, rows, D, K, seed: 103);
        using var streaming = new CpuBackend(new EStepOptions(precision, 2) { ResidentBytes = 0 }, kernels);
        using var streamed = streaming.Bind(MixtureFixture.Partition(rows, D, weights));
        var expected = (GaussianMixtureStatistics)streamed.Compute(parameters, CancellationToken.None);
        Assert.False(Residency(streamed).HasCopy);
        foreach (var threads in new[] { 1, 3 })
        {
            var source = new RecordingRowSource(rows, D);
            var weightSource = weights is null ? null : new ArrayRowSource(weights, 1);
            using var backend = new CpuBackend(new EStepOptions(precision, threads), kernels);
            using var step = backend.Bind(new DataPartition(0, source, weightSource));
            for (var iteration = 0; iteration < 3; iteration++)
            {
                var readBefore = source.RowsRead;
                var actual = (GaussianMixtureStatistics)step.Compute(parameters, CancellationToken.None);
                StatisticsComparison.AssertIdentical(expected, actual);
                Assert.True(Residency(step).HasCopy, $"{type}: the partition fits the default budget");
                if (iteration > 0)
                {
                    Assert.Equal(readBefore, source.RowsRead); // served from the copy
                }
            }
        }
    }

    private static PartitionResidency Residency(IPartitionEStep step) =>
        Assert.IsType<CpuPartitionEStep>(step).Residency;

    private static DataPartition HmmPartition(IRowSource rows, HmmSample sample) =>
        new(0, rows, SequenceLengths: sample.Lengths);
}
