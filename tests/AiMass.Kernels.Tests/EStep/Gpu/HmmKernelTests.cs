using AiMass.Kernels.Candidates;
using AiMass.Kernels.EStep;
using AiMass.Kernels.EStep.Gpu;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Tests.Hmm;
using Xunit;
using Xunit.Abstractions;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>
/// The ILGPU HMM E-step against the float64 reference (<see cref="ReferenceHmmEStep"/>). The same tests run on
/// ILGPU's CPU accelerator (always) and on CUDA (<see cref="CudaHmmKernelTests"/>, when AIMASS_GPU_TESTS=1).
/// Inputs are small (the emulator runs ~100× slower than C#) but cut into 8-row tiles, with many short sequences
/// and a few longer ones, odd S and D, and S above the emulator's 16 threads per group, so every strided and
/// padding path runs.
/// </summary>
public abstract class HmmKernelTests(BackendFixture fixture, ITestOutputHelper output)
{
    /// <summary>Relative tolerance of the Gaussian statistics: the rows are stored as centred float32 (6e−8
    /// relative), everything else is float64.</summary>
    private const double GaussianTolerance = 2e-6;

    /// <summary>Categorical symbols are exact on the device; only the order of float64 additions differs.</summary>
    private const double CategoricalTolerance = 1e-11;

    private static readonly IlgpuOptions SmallTiles = new() { TileRows = 8 };

    private IlgpuBackend Backend => fixture.Backend;

    [AcceleratorFact]
    public void Diagonal_gaussian_statistics_match_the_reference()
    {
        Check(HmmCase.Gaussian(HmmEmission.GaussianDiag, 5, 3, HmmCase.MixedLengths, seed: 1), GaussianTolerance);
        Check(HmmCase.Gaussian(HmmEmission.GaussianDiag, 19, 2, [40, 3, 17, 1, 25], seed: 2), GaussianTolerance);
    }

    [AcceleratorFact]
    public void Full_gaussian_statistics_match_the_reference()
    {
        Check(HmmCase.Gaussian(HmmEmission.GaussianFull, 3, 5, HmmCase.MixedLengths, seed: 3), GaussianTolerance);
        Check(HmmCase.Gaussian(HmmEmission.GaussianFull, 7, 1, [30, 1, 9, 14], seed: 4), GaussianTolerance);
    }

    [AcceleratorFact]
    public void Categorical_statistics_match_the_reference()
    {
        Check(HmmCase.Categorical(5, 7, HmmCase.MixedLengths, seed: 5), CategoricalTolerance);
        Check(HmmCase.Categorical(17, 3, [50, 2, 1, 33], seed: 6), CategoricalTolerance);
    }

    [AcceleratorFact]
    public void Structural_zeros_stay_exact_zeros()
    {
        int[] lengths = [30, 12, 1, 45, 7];
        HmmEmission[] kinds = [HmmEmission.GaussianDiag, HmmEmission.GaussianFull, HmmEmission.Categorical];
        foreach (var kind in kinds)
        {
            var problem = HmmCase.LeftToRight(kind, 4, lengths, seed: 7);
            var expected = problem.Reference();
            var actual = Check(problem, kind == HmmEmission.Categorical ? CategoricalTolerance : GaussianTolerance);
            foreach (var (e, a) in expected.Transitions.Zip(actual.Transitions).Concat(expected.Start.Zip(actual.Start))
                         .Concat(expected.Counts.Zip(actual.Counts)))
            {
                Assert.True(e != 0 || a == 0, $"A structural zero came out as {a:R}.");
            }
        }
    }

    [AcceleratorFact]
    public void Data_offset_by_ten_thousand_and_one_unsplit_sequence_match_the_reference()
    {
        Check(HmmCase.Gaussian(HmmEmission.GaussianFull, 3, 4, [20, 35, 8], seed: 8, offset: 1e4), GaussianTolerance);
        Check(HmmCase.Gaussian(HmmEmission.GaussianDiag, 4, 3, null, seed: 9, offset: 1e4), GaussianTolerance);
    }

    [AcceleratorFact]
    public void An_empty_partition_gives_zero_statistics()
    {
        var model = TestModels.Gaussian(HmmEmission.GaussianFull);
        var partition = new Kernels.Data.DataPartition(
            0, new Kernels.Data.ArrayRowSource([], 2, "x.npy"), SequenceLengths: []);
        var problem = new HmmCase(partition, model);
        using var estep = Backend.Bind(partition, SmallTiles);
        var actual = problem.On(estep);
        HmmStatisticsAssert.Identical(problem.Reference(), actual);
        Assert.Equal(0, actual.Rows);
        Assert.Equal(0, actual.Sequences);
    }

    [AcceleratorFact]
    public void Batches_chunks_and_streamed_chunks_match_the_reference()
    {
        var problem = HmmCase.Gaussian(HmmEmission.GaussianDiag, 5, 3, HmmCase.MixedLengths, seed: 10);
        var expected = problem.Reference();

        // A workspace budget of 40 rows (S = 5: 96 bytes per row), raised to the longest sequence (110 steps):
        // the 400 rows run as at least four batches through the same workspace.
        var batched = SmallTiles with { HmmWorkspaceBytes = 40 * 12 * sizeof(double) };
        using (var estep = Backend.Bind(problem.Partition, batched))
        {
            HmmStatisticsAssert.Close(expected, problem.On(estep), GaussianTolerance);
            Assert.Equal(110, Device(estep).HmmPlan!.WorkspaceRows);
        }

        // Chunks of at most 64 rows cut at sequence boundaries, only the first two resident.
        var chunked = batched with { MaxChunkRows = 64, MaxResidentBytes = 2 * 64 * 4 * sizeof(float) };
        using (var estep = Backend.Bind(problem.Partition, chunked))
        {
            Assert.True(Device(estep).StreamedChunks > 2);
            HmmStatisticsAssert.Close(expected, problem.On(estep), GaussianTolerance);
            HmmStatisticsAssert.Close(expected, problem.On(estep), GaussianTolerance);
        }
    }

    [AcceleratorFact]
    public void Repeated_computation_is_bit_identical()
    {
        foreach (var problem in (HmmCase[])[
                     HmmCase.Gaussian(HmmEmission.GaussianFull, 3, 3, HmmCase.MixedLengths, seed: 11),
                     HmmCase.Categorical(4, 5, HmmCase.MixedLengths, seed: 12)])
        {
            using var first = Backend.Bind(problem.Partition, SmallTiles);
            using var second = Backend.Bind(problem.Partition, SmallTiles);
            var a = problem.On(first);
            HmmStatisticsAssert.Identical(a, problem.On(first));
            HmmStatisticsAssert.Identical(a, problem.On(second));
        }
    }

    [AcceleratorFact]
    public void An_impossible_sequence_is_named_as_the_reference_names_it()
    {
        var problem = HmmCase.LeftToRight(HmmEmission.Categorical, 3, [5, 6, 4], seed: 13);
        var rows = (Kernels.Data.ArrayRowSource)problem.Partition.Rows;
        var values = new double[rows.Rows];
        rows.Read(0, (int)rows.Rows, values);
        values[5] = 3; // The second sequence starts in state 0, which cannot emit symbol 3.
        var broken = problem with
        {
            Partition = problem.Partition with { Rows = new Kernels.Data.ArrayRowSource(values, 1, "x.npy") },
        };
        var expected = Assert.Throws<InvalidInputException>(() => broken.Reference());
        using var estep = Backend.Bind(broken.Partition, SmallTiles);
        var actual = Assert.Throws<InvalidInputException>(() => broken.On(estep));
        Assert.Equal(expected.Message, actual.Message);
        Assert.StartsWith(
            "Sequence 1 (rows 5–10 of x.npy) has probability zero", actual.Message, StringComparison.Ordinal);
    }

    [AcceleratorFact]
    public void A_symbol_outside_the_model_is_named_as_the_reference_names_it()
    {
        var problem = HmmCase.Categorical(3, 4, [6, 6], seed: 14);
        var small = HmmParameters.CreateCategorical(
            [.. problem.Parameters.StartProbabilities], [.. problem.Parameters.Transitions],
            [.. Enumerable.Repeat(0.5, 6)], 2);
        var narrowed = problem with { Parameters = small };
        var expected = Assert.Throws<InvalidInputException>(() => narrowed.Reference());
        using (var estep = Backend.Bind(narrowed.Partition, SmallTiles))
        {
            Assert.Equal(expected.Message, Assert.Throws<InvalidInputException>(() => narrowed.On(estep)).Message);
        }

        // A value that is no symbol at all, and the symbol check still reports the first bad row.
        var values = new double[12];
        problem.Partition.Rows.Read(0, 12, values);
        values[9] = 1.5;
        var fractional = problem with
        {
            Partition = problem.Partition with { Rows = new Kernels.Data.ArrayRowSource(values, 1, "x.npy") },
        };
        expected = Assert.Throws<InvalidInputException>(() => fractional.Reference());
        Assert.Contains("symbol 1.5 is not an integer in 0..3", expected.Message, StringComparison.Ordinal);
        using (var estep = Backend.Bind(fractional.Partition, SmallTiles))
        {
            Assert.Equal(expected.Message, Assert.Throws<InvalidInputException>(() => fractional.On(estep)).Message);
        }
    }

    [AcceleratorFact]
    public void Six_em_iterations_on_the_device_follow_the_reference_fit()
    {
        var partition = TestModels.Partition(TestModels.Gaussian(HmmEmission.GaussianFull), [40, 30, 50], seed: 15);
        var initial = TestModels.Perturbed(HmmEmission.GaussianFull);
        var settings = new EmSettings(6, 0);
        var reference = new EmRun(new HmmMStep(), initial, settings);
        var device = new EmRun(new HmmMStep(), initial, settings);
        using var estep = Backend.Bind(partition, SmallTiles);
        while (!reference.IsFinished)
        {
            reference.Advance(ReferenceHmmEStep.Compute(
                partition, (HmmParameters)reference.Parameters, CancellationToken.None));
            device.Advance(estep.Compute(device.Parameters, CancellationToken.None));
        }

        for (var i = 0; i < reference.History.Count; i++)
        {
            var (expected, actual) = (reference.History[i].LowerBound, device.History[i].LowerBound);
            Assert.True(
                Math.Abs(expected - actual) <= 1e-6 * Math.Abs(expected),
                $"iteration {i + 1}: {expected:R} vs {actual:R}");
            Assert.True(i == 0 || actual >= device.History[i - 1].LowerBound - (1e-9 * Math.Abs(actual)));
        }

        Assert.True(device.History[^1].LowerBound > device.History[0].LowerBound + 0.01);
    }

    private static IlgpuPartitionEStep Device(IPartitionEStep estep) =>
        Assert.IsType<IlgpuPartitionEStep>(
            Assert.IsType<FallbackPartitionEStep>(Assert.IsType<CandidateSetPartition>(estep).Inner).Primary);

    private HmmStatistics Check(HmmCase problem, double tolerance)
    {
        using var estep = Backend.Bind(problem.Partition, SmallTiles);
        var expected = problem.Reference();
        var actual = problem.On(estep);
        Assert.True(estep.Device.StartsWith(Backend.Kind.DeviceName() + ":0 ", StringComparison.Ordinal),
            $"The partition ran on {estep.Device}: {string.Join(" | ", fixture.Warnings)}");
        var worst = HmmStatisticsAssert.Close(expected, actual, tolerance);
        output.WriteLine($"{problem.Parameters.Emission} S={problem.Parameters.States} " +
                         $"D={problem.Parameters.Features}: worst scaled error {worst:G3}");
        return actual;
    }
}
