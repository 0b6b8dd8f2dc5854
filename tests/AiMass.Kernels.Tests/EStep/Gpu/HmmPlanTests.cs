using AiMass.Kernels.EStep.Gpu;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Synthetic;
using Xunit;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>How an HMM E-step is cut for a device; pure arithmetic, no accelerator needed.</summary>
public sealed class HmmPlanTests
{
    /// <summary>An H200 as CUDA reports it: 1024 threads, 48 KiB (default) shared memory per group, 132 SMs.
    /// </summary>
    private static readonly DeviceLimits H200 = new("cuda:0 NVIDIA H200", 1024, 48 * 1024, 132, 141L << 30);

    [Fact]
    public void The_benchmark_shape_gets_64_row_tiles_one_warp_per_sequence_and_one_batch()
    {
        var model = SyntheticHmms.Gaussian(16, 8, CovarianceType.Diag, 1);
        var plan = HmmPlan.Create(H200, IlgpuOptions.Default, model, (141L << 30) / 8, 1000, 10_000_000);

        // Per tile row: 8 + 3·16 + 1 = 57 float64 values = 456 bytes; 64 rows = 29 184 bytes ≤ 48 KiB.
        Assert.Equal(64, plan.Shape.TileRows);
        Assert.Equal(256, plan.TileGroupSize);
        Assert.Equal(32, plan.RecursionGroupSize);
        Assert.Equal(264, plan.StatisticsGroups);
        Assert.Equal(10_000_000, plan.WorkspaceRows);
        Assert.Equal(16 + 256 + 16 + 128 + 128 + 1, plan.Shape.PartialLength);
    }

    [Fact]
    public void The_workspace_holds_the_longest_sequence_even_beyond_its_budget()
    {
        var model = SyntheticHmms.Categorical(40, 6, 1);
        var small = HmmPlan.Create(H200, IlgpuOptions.Default, model, 82 * 8 * 1000, 5000, 1_000_000);
        Assert.Equal(5000, small.WorkspaceRows);
        Assert.Equal(64, small.RecursionGroupSize);
        var roomy = HmmPlan.Create(H200, IlgpuOptions.Default, model, 82 * 8 * 100_000, 5000, 1_000_000);
        Assert.Equal(100_000, roomy.WorkspaceRows);
    }

    [Fact]
    public void A_shape_that_does_not_fit_shared_memory_is_not_supported()
    {
        var model = SyntheticHmms.Categorical(3000, 2, 1);
        var error = Assert.Throws<DeviceCannotRunException>(
            () => HmmPlan.Create(H200, IlgpuOptions.Default, model, 1L << 30, 100, 1000));
        Assert.Equal(
            "S=3000, D=1: the HMM kernels need 72016 bytes of shared memory per tile row and 48000 per sequence, " +
            "but cuda:0 NVIDIA H200 allows 49152 per group; this shape runs on the CPU path.", error.Message);
    }

    [Fact]
    public void A_plan_fits_only_models_of_its_shape()
    {
        var model = SyntheticHmms.Gaussian(4, 3, CovarianceType.Full, 1);
        var plan = HmmPlan.Create(H200, IlgpuOptions.Default, model, 1L << 30, 100, 1000);
        Assert.True(plan.Fits(SyntheticHmms.Gaussian(4, 3, CovarianceType.Full, 2)));
        Assert.False(plan.Fits(SyntheticHmms.Gaussian(4, 3, CovarianceType.Diag, 1)));
        Assert.False(plan.Fits(SyntheticHmms.Gaussian(5, 3, CovarianceType.Full, 1)));
        Assert.False(plan.Fits(SyntheticHmms.Categorical(4, 3, 1)));
        Assert.Equal(HmmEmission.GaussianFull, plan.Emission);
    }
}
