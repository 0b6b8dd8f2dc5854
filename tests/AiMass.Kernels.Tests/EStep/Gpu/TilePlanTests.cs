using AiMass.Kernels.EStep.Gpu;
using AiMass.Kernels.Mixture;
using Xunit;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>How the work is cut for a device; pure arithmetic, no accelerator needed.</summary>
public sealed class TilePlanTests
{
    /// <summary>An H200 as CUDA reports it: 1024 threads, 48 KiB (default) shared memory per group, 132 SMs.
    /// </summary>
    private static readonly DeviceLimits H200 = new("cuda:0 NVIDIA H200", 1024, 48 * 1024, 132, 141L << 30);

    [Fact]
    public void The_benchmark_shape_gets_the_largest_tile_that_fits_48_kib_and_two_groups_per_sm()
    {
        var plan = TilePlan.Create(H200, IlgpuOptions.Default, CovarianceType.Full, 64, 32, 10_000_000);

        // Per row: 33 tile floats + 64 log-probabilities + weight + log-likelihood = 99 floats = 396 bytes.
        Assert.Equal(124, plan.TileRows);
        Assert.True(plan.SharedFloats * sizeof(float) <= 48 * 1024);
        Assert.Equal(256, plan.GroupSize);
        Assert.Equal(264, plan.Groups);
        Assert.Equal(64 + (64 * 32) + (64 * 32 * 32) + 1, plan.PartialLength);
    }

    [Fact]
    public void Groups_never_exceed_the_tiles_or_the_partial_memory_budget()
    {
        Assert.Equal(2, TilePlan.Create(H200, IlgpuOptions.Default, CovarianceType.Diag, 3, 5, 200).Groups);
        var tight = IlgpuOptions.Default with { MaxPartialBytes = 10 * 8 * 67649 };
        Assert.Equal(10, TilePlan.Create(H200, tight, CovarianceType.Full, 64, 32, 10_000_000).Groups);
    }

    [Fact]
    public void A_shape_whose_tile_does_not_fit_shared_memory_is_not_supported()
    {
        var error = Assert.Throws<DeviceCannotRunException>(
            () => TilePlan.Create(H200, IlgpuOptions.Default, CovarianceType.Full, 64, 4000, 1000));
        Assert.Equal(
            "K=64, D=4000: a tile of 4 rows needs 65072 bytes of shared memory per group, but cuda:0 NVIDIA H200 " +
            "allows 49152; this shape runs on the CPU path.", error.Message);
    }
}
