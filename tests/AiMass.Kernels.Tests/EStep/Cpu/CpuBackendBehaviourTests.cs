using AiMass.Kernels.Data;
using AiMass.Kernels.EStep;
using AiMass.Kernels.EStep.Cpu;
using AiMass.Kernels.Mixture;
using Xunit;

namespace AiMass.Kernels.Tests.EStep.Cpu;

public sealed class CpuBackendBehaviourTests
{
    [Theory]
    [InlineData(CovarianceType.Full, EStepPrecision.Single)]
    [InlineData(CovarianceType.Tied, EStepPrecision.Single)]
    [InlineData(CovarianceType.Diag, EStepPrecision.Single)]
    [InlineData(CovarianceType.Spherical, EStepPrecision.Single)]
    [InlineData(CovarianceType.Full, EStepPrecision.Double)]
    public void Statistics_are_bit_identical_for_one_two_and_three_threads(
        CovarianceType type, EStepPrecision precision)
    {
        const int d = 5, k = 3, n = (3 * MixtureLayout.BlockRows) + 517; // four blocks, the last one partial
        var rows = MixtureFixture.Rows(n, d, k, seed: 11);
        var partition = MixtureFixture.Partition(rows, d, MixtureFixture.Weights(n, seed: 12));
        var parameters = MixtureFixture.Parameters(type, rows, d, k, seed: 13);
        GaussianMixtureStatistics? first = null;
        foreach (var threads in new[] { 1, 2, 3 })
        {
            using var backend = new CpuBackend(new EStepOptions(precision, threads));
            using var step = backend.Bind(partition);
            for (var repeat = 0; repeat < 2; repeat++)
            {
                var stats = (GaussianMixtureStatistics)step.Compute(parameters, CancellationToken.None);
                if (first is null)
                {
                    first = stats;
                }
                else
                {
                    StatisticsComparison.AssertIdentical(first, stats);
                }
            }
        }
    }

    [Fact]
    public void A_cancelled_token_stops_the_computation_with_OperationCanceledException()
    {
        const int d = 4, n = 4 * MixtureLayout.BlockRows;
        var rows = MixtureFixture.Rows(n, d, 2, seed: 21);
        var parameters = MixtureFixture.Parameters(CovarianceType.Full, rows, d, 2, seed: 22);
        using var cancellation = new CancellationTokenSource();
        var source = new ObservedRowSource(
            new ArrayRowSource(rows, d), cancelAtRow: MixtureLayout.BlockRows, cancellation);
        using var backend = new CpuBackend(new EStepOptions(EStepPrecision.Single, 2));
        using var step = backend.Bind(new DataPartition(0, source));
        Assert.ThrowsAny<OperationCanceledException>(() => step.Compute(parameters, cancellation.Token));
        Assert.True(
            source.RowsReadAfterCancel < n / 2, $"{source.RowsReadAfterCancel} rows were read after cancelling");

        // The backend stays usable after a cancelled run.
        var stats = step.Compute(parameters, CancellationToken.None);
        Assert.Equal(n, stats.Rows);
    }

    [Fact]
    public void Rows_are_read_on_the_backends_own_threads_not_the_thread_pool()
    {
        const int d = 3, n = 2 * MixtureLayout.BlockRows;
        var rows = MixtureFixture.Rows(n, d, 2, seed: 31);
        var source = new ObservedRowSource(new ArrayRowSource(rows, d), cancelAtRow: long.MaxValue, null);
        using var backend = new CpuBackend(new EStepOptions(EStepPrecision.Single, 2));
        using var step = backend.Bind(new DataPartition(0, source));
        step.Compute(MixtureFixture.Parameters(CovarianceType.Diag, rows, d, 2, seed: 32), CancellationToken.None);
        Assert.NotEmpty(source.ThreadNames);
        Assert.All(source.ThreadNames, name => Assert.StartsWith("aimass-cpu-estep-", name));
        Assert.False(source.ReadOnThreadPool);
    }

    [Fact]
    public void Rows_with_weight_zero_contribute_nothing()
    {
        const int d = 6, k = 4, n = 900;
        var rows = MixtureFixture.Rows(n, d, k, seed: 41);
        var weights = MixtureFixture.Weights(n, seed: 42);
        var kept = Enumerable.Range(0, n).Where(t => weights[t] != 0).ToArray();
        var keptRows = kept.SelectMany(t => rows.AsSpan(t * d, d).ToArray()).ToArray();
        var keptWeights = kept.Select(t => weights[t]).ToArray();
        var parameters = MixtureFixture.Parameters(CovarianceType.Full, rows, d, k, seed: 43);
        using var backend = new CpuBackend(new EStepOptions(EStepPrecision.Double, 2));
        using var all = backend.Bind(MixtureFixture.Partition(rows, d, weights));
        using var subset = backend.Bind(MixtureFixture.Partition(keptRows, d, keptWeights));
        var a = (GaussianMixtureStatistics)all.Compute(parameters, CancellationToken.None);
        var b = (GaussianMixtureStatistics)subset.Compute(parameters, CancellationToken.None);
        Assert.InRange(StatisticsComparison.Relative(a.N, b.N), 0, 1e-12);
        Assert.InRange(StatisticsComparison.Relative(a.S1, b.S1), 0, 1e-12);
        Assert.InRange(StatisticsComparison.Relative(a.S2, b.S2), 0, 1e-12);
        Assert.Equal(b.LogLikelihood, a.LogLikelihood, 1e-9);
    }

    [Fact]
    public void An_empty_partition_gives_zero_statistics()
    {
        var parameters = MixtureFixture.Parameters(CovarianceType.Full, MixtureFixture.Rows(10, 3, 2, 51), 3, 2, 52);
        using var backend = new CpuBackend();
        using var step = backend.Bind(new DataPartition(0, new ArrayRowSource([], 3)));
        var stats = (GaussianMixtureStatistics)step.Compute(parameters, CancellationToken.None);
        Assert.Equal(0, stats.Rows);
        Assert.All(stats.S2, v => Assert.Equal(0, v));
    }

    [Fact]
    public void The_factory_returns_the_cpu_backend_for_cpu_and_auto_with_the_requested_precision()
    {
        using var cpu = EStepBackends.Create("cpu", new EStepOptions(EStepPrecision.Double, 3));
        using var auto = EStepBackends.Create("auto");
        var backend = Assert.IsType<CpuBackend>(cpu);
        Assert.Equal(EStepPrecision.Double, backend.Precision);
        Assert.Equal(3, backend.Threads);
        Assert.IsType<CpuBackend>(auto);
        Assert.StartsWith("cpu", backend.Name);
    }

    [Fact]
    public void A_disposed_backend_refuses_new_work()
    {
        var rows = MixtureFixture.Rows(50, 2, 2, 61);
        var backend = new CpuBackend();
        var step = backend.Bind(MixtureFixture.Partition(rows, 2));
        backend.Dispose();
        Assert.Throws<ObjectDisposedException>(
            () => step.Compute(MixtureFixture.Parameters(CovarianceType.Diag, rows, 2, 2, 62), CancellationToken.None));
    }
}
