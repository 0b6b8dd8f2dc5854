using AiMass.Kernels.Candidates;
using AiMass.Kernels.EStep;
using AiMass.Kernels.EStep.Gpu;
using AiMass.Kernels.Mixture;
using Xunit;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>
/// The ILGPU Gaussian-mixture kernels against the float64 reference E-step. The same tests run on ILGPU's CPU
/// accelerator (always) and on CUDA (<see cref="CudaGaussianMixtureKernelTests"/>, when AIMASS_GPU_TESTS=1).
/// Inputs are small (the emulator runs ~100× slower than C#) but cut into many 8-row tiles over several groups,
/// with row counts that leave a partial last tile and D not a multiple of 4, so padding paths run too.
/// </summary>
public abstract class GaussianMixtureKernelTests(BackendFixture fixture)
{
    /// <summary>Relative tolerance against the reference (float32 arithmetic, float64 accumulation).</summary>
    private const double Tolerance = 1e-5;

    private static readonly IlgpuOptions SmallTiles = new() { TileRows = 8 };

    private IlgpuBackend Backend => fixture.Backend;

    [AcceleratorFact]
    public void Full_covariance_statistics_match_the_reference() => CheckBothWeightings(CovarianceType.Full);

    [AcceleratorFact]
    public void Tied_covariance_statistics_match_the_reference() => CheckBothWeightings(CovarianceType.Tied);

    [AcceleratorFact]
    public void Diagonal_covariance_statistics_match_the_reference() => CheckBothWeightings(CovarianceType.Diag);

    [AcceleratorFact]
    public void Spherical_covariance_statistics_match_the_reference() => CheckBothWeightings(CovarianceType.Spherical);

    [AcceleratorFact]
    public void Data_offset_by_ten_thousand_keeps_float32_statistics_accurate()
    {
        foreach (var type in (CovarianceType[])[CovarianceType.Full, CovarianceType.Diag, CovarianceType.Tied])
        {
            Check(MixtureCase.Create(type, 101, 6, 3, weighted: true, offset: 1e4, seed: 5), SmallTiles);
        }
    }

    [AcceleratorFact]
    public void Odd_shapes_match_the_reference()
    {
        Check(MixtureCase.Create(CovarianceType.Full, 1, 1, 1, weighted: false, seed: 11), SmallTiles);
        Check(MixtureCase.Create(CovarianceType.Full, 37, 7, 5, weighted: true, seed: 12), new() { TileRows = 4 });
        Check(MixtureCase.Create(CovarianceType.Tied, 20, 4, 2, weighted: false, seed: 13), IlgpuOptions.Default);
        Check(MixtureCase.Create(CovarianceType.Diag, 9, 3, 4, weighted: true, seed: 14), SmallTiles);
        Check(MixtureCase.Create(CovarianceType.Spherical, 50, 1, 2, weighted: false, seed: 15), SmallTiles);
        Check(MixtureCase.Create(CovarianceType.Full, 64, 9, 1, weighted: false, seed: 16), SmallTiles);
        Check(MixtureCase.Create(CovarianceType.Tied, 0, 3, 2, weighted: true, seed: 17), SmallTiles);
    }

    [AcceleratorFact]
    public void Repeated_computation_is_bit_identical()
    {
        foreach (var type in (CovarianceType[])[CovarianceType.Full, CovarianceType.Diag])
        {
            var problem = MixtureCase.Create(type, 150, 5, 3, weighted: true, seed: 21);
            using var first = Backend.Bind(problem.Partition, SmallTiles);
            using var second = Backend.Bind(problem.Partition, SmallTiles);
            var a = problem.On(first);
            var b = problem.On(first);
            var c = problem.On(second);
            StatisticsAssert.Identical(a, b);
            StatisticsAssert.Identical(a, c);
        }
    }

    [AcceleratorFact]
    public void Chunked_and_streamed_partitions_match_the_reference()
    {
        var problem = MixtureCase.Create(CovarianceType.Full, 130, 5, 3, weighted: true, seed: 31);
        var options = SmallTiles with { MaxChunkRows = 32, MaxResidentBytes = 2 * 32 * 6 * sizeof(float) };
        using var estep = Backend.Bind(problem.Partition, options);
        Assert.Equal(3, Device(estep).StreamedChunks);
        var expected = problem.Reference();
        StatisticsAssert.Close(expected, problem.On(estep), Tolerance);
        StatisticsAssert.Close(expected, problem.On(estep), Tolerance);
    }

    [AcceleratorFact]
    public void Partitions_share_the_resident_budget_and_stream_what_does_not_fit()
    {
        var problem = MixtureCase.Create(CovarianceType.Diag, 64, 3, 2, weighted: false, seed: 41);
        var options = SmallTiles with { MaxChunkRows = 32, MaxResidentBytes = 64 * 4 * sizeof(float) };
        using (var first = Backend.Bind(problem.Partition, options))
        {
            using var second = Backend.Bind(problem.Partition, options);
            Assert.Equal(0, Device(first).StreamedChunks);
            Assert.Equal(2, Device(second).StreamedChunks);
            StatisticsAssert.Identical(problem.On(first), problem.On(second));
        }

        using var third = Backend.Bind(problem.Partition, options);
        Assert.Equal(0, Device(third).StreamedChunks);
    }

    [AcceleratorFact]
    public void A_model_with_other_features_is_rejected_with_a_named_message()
    {
        var problem = MixtureCase.Create(CovarianceType.Diag, 10, 3, 2, weighted: false);
        var other = MixtureCase.Create(CovarianceType.Diag, 10, 4, 2, weighted: false);
        using var estep = Backend.Bind(problem.Partition, SmallTiles);
        var error = Assert.Throws<InvalidInputException>(() => other.On(estep));
        Assert.Equal("The partition has 3 features but the model has 4.", error.Message);
    }

    private static IlgpuPartitionEStep Device(IPartitionEStep estep) =>
        Assert.IsType<IlgpuPartitionEStep>(
            Assert.IsType<FallbackPartitionEStep>(Assert.IsType<CandidateSetPartition>(estep).Inner).Primary);

    private void CheckBothWeightings(CovarianceType type)
    {
        Check(MixtureCase.Create(type, 150, 5, 3, weighted: false, seed: 2), SmallTiles);
        Check(MixtureCase.Create(type, 150, 5, 3, weighted: true, seed: 3), SmallTiles);
    }

    private void Check(MixtureCase problem, IlgpuOptions options)
    {
        using var estep = Backend.Bind(problem.Partition, options);
        var expected = problem.Reference();
        var actual = problem.On(estep);
        Assert.True(estep.Device.StartsWith(Backend.Kind.DeviceName() + ":0 ", StringComparison.Ordinal),
            $"The partition ran on {estep.Device}: {string.Join(" | ", fixture.Warnings)}");
        StatisticsAssert.Close(expected, actual, Tolerance);
    }
}
