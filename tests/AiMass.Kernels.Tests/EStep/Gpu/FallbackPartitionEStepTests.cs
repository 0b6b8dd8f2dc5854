using AiMass.Kernels.EStep;
using AiMass.Kernels.EStep.Gpu;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Tests.Hmm;
using Xunit;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>A failing device moves its partition to the CPU path with a warning instead of failing the job.</summary>
public sealed class FallbackPartitionEStepTests(CpuEmulatorFixture fixture) : IClassFixture<CpuEmulatorFixture>
{
    [Fact]
    public void A_device_failure_switches_the_partition_to_the_cpu_path_for_good()
    {
        var problem = MixtureCase.Create(CovarianceType.Diag, 40, 3, 2, weighted: false);
        var device = new FailingEStep(new OutOfMemoryException("out of device memory"));
        var warnings = new List<string>();
        using var estep = new FallbackPartitionEStep(
            7, device, () => new ReferenceBackend().Bind(problem.Partition), warnings.Add);

        var first = problem.On(estep);
        var second = problem.On(estep);

        var expected = problem.Reference();
        StatisticsAssert.Identical(expected, first);
        StatisticsAssert.Identical(expected, second);
        Assert.Equal(1, device.Calls);
        Assert.True(device.Disposed);
        Assert.Equal("reference", estep.Device);
        var warning = Assert.Single(warnings);
        Assert.Equal(
            "Partition 7: failing-gpu failed (OutOfMemoryException: out of device memory); computing it on " +
            "reference from now on.", warning);
    }

    [Fact]
    public void User_errors_and_cancellation_are_not_device_failures()
    {
        var problem = MixtureCase.Create(CovarianceType.Diag, 10, 3, 2, weighted: false);
        Exception[] errors = [new InvalidInputException("bad model"), new OperationCanceledException()];
        foreach (var error in errors)
        {
            var warnings = new List<string>();
            using var estep = new FallbackPartitionEStep(
                0, new FailingEStep(error), () => new ReferenceBackend().Bind(problem.Partition), warnings.Add);
            Assert.Same(error, Assert.ThrowsAny<Exception>(() => problem.On(estep)));
            Assert.Empty(warnings);
            Assert.False(estep.FellBack);
        }
    }

    [Fact]
    public void A_plain_not_supported_exception_from_a_bug_is_not_swallowed()
    {
        var problem = MixtureCase.Create(CovarianceType.Diag, 10, 3, 2, weighted: false);
        var bug = new NotSupportedException("a bug in our own device code");
        var warnings = new List<string>();
        var fallbacks = 0;
        using var estep = new FallbackPartitionEStep(
            0, new FailingEStep(bug), () => { fallbacks++; return new ReferenceBackend().Bind(problem.Partition); },
            warnings.Add);

        Assert.Same(bug, Assert.Throws<NotSupportedException>(() => problem.On(estep)));
        Assert.Empty(warnings);
        Assert.False(estep.FellBack);
        Assert.Equal(0, fallbacks);
    }

    [Fact]
    public void A_model_the_device_cannot_run_falls_back_with_a_warning()
    {
        var problem = MixtureCase.Create(CovarianceType.Diag, 10, 3, 2, weighted: false);
        var warnings = new List<string>();
        using var estep = new FallbackPartitionEStep(
            4, new FailingEStep(new DeviceCannotRunException("too large")),
            () => new ReferenceBackend().Bind(problem.Partition), warnings.Add);

        StatisticsAssert.Identical(problem.Reference(), problem.On(estep));
        Assert.True(estep.FellBack);
        Assert.Equal(
            "Partition 4: failing-gpu failed (DeviceCannotRunException: too large); computing it on reference from " +
            "now on.", Assert.Single(warnings));
    }

    [Fact]
    public void Float64_steps_run_on_the_cpu_path_and_float32_steps_stay_on_the_device()
    {
        var problem = MixtureCase.Create(CovarianceType.Diag, 10, 3, 2, weighted: false);
        var device = new RecordingEStep(new ReferenceBackend().Bind(problem.Partition));
        var cpuCalls = 0;
        var warnings = new List<string>();
        using var estep = new FallbackPartitionEStep(
            0, device, () => new RecordingEStep(new ReferenceBackend().Bind(problem.Partition), () => cpuCalls++),
            warnings.Add);

        estep.Compute(problem.Parameters, EStepPrecision.Single, CancellationToken.None);
        estep.Compute(problem.Parameters, EStepPrecision.Double, CancellationToken.None);
        estep.Compute(problem.Parameters, EStepPrecision.Double, CancellationToken.None);
        estep.Compute(problem.Parameters, EStepPrecision.Single, CancellationToken.None);

        Assert.Equal([EStepPrecision.Single, EStepPrecision.Single], device.Asked);
        Assert.Equal(2, cpuCalls);
        Assert.False(estep.FellBack);
        Assert.Empty(warnings);
    }

    [Fact]
    public void A_shape_too_large_for_shared_memory_falls_back_with_a_warning()
    {
        var problem = MixtureCase.Create(CovarianceType.Full, 30, 3, 2, weighted: true);
        var warnings = new List<string>();
        fixture.Backend.Warning += warnings.Add;
        try
        {
            var tiny = new IlgpuOptions { MaxSharedMemoryBytes = 64 };
            using var estep = fixture.Backend.Bind(problem.Partition, tiny);
            var actual = problem.On(estep);

            StatisticsAssert.Identical(problem.Reference(), actual);
            Assert.Equal("reference", estep.Device);
            var warning = Assert.Single(warnings);
            Assert.StartsWith("Partition 0: ilgpu-cpu:0 ", warning, StringComparison.Ordinal);
            Assert.Contains(
                "DeviceCannotRunException: K=2, D=3: a tile of 4 rows needs", warning, StringComparison.Ordinal);
        }
        finally
        {
            fixture.Backend.Warning -= warnings.Add;
        }
    }

    [Fact]
    public void An_hmm_shape_too_large_for_shared_memory_runs_on_the_cpu_path_with_a_warning()
    {
        var model = TestModels.Gaussian(HmmEmission.GaussianDiag);
        var partition = TestModels.Partition(model, [40, 25], seed: 3);
        var warnings = new List<string>();
        fixture.Backend.Warning += warnings.Add;
        try
        {
            using var estep = fixture.Backend.Bind(partition, new IlgpuOptions { MaxSharedMemoryBytes = 64 });
            var actual = estep.Compute(model, CancellationToken.None);

            var expected = ReferenceHmmEStep.Compute(partition, model, CancellationToken.None);
            Assert.Equal(expected.LogLikelihood, actual.LogLikelihood);
            Assert.Equal("reference", estep.Device);
            Assert.Contains(
                "DeviceCannotRunException: S=3, D=2: the HMM kernels need 96 bytes of shared memory per tile row and " +
                "48 per sequence, but ilgpu-cpu:0 CPUAccelerator allows 64 per group; this shape runs on the CPU path.",
                Assert.Single(warnings), StringComparison.Ordinal);
        }
        finally
        {
            fixture.Backend.Warning -= warnings.Add;
        }
    }

    private sealed class RecordingEStep(IPartitionEStep inner, Action? called = null) : IPartitionEStep
    {
        public List<EStepPrecision?> Asked { get; } = [];

        public string Device => inner.Device;

        public SufficientStatistics Compute(
            ModelParameters parameters, EStepPrecision? precision, CancellationToken cancellationToken)
        {
            Asked.Add(precision);
            called?.Invoke();
            return inner.Compute(parameters, precision, cancellationToken);
        }

        public void Dispose() => inner.Dispose();
    }

    private sealed class FailingEStep(Exception error) : IPartitionEStep
    {
        public int Calls { get; private set; }

        public bool Disposed { get; private set; }

        public string Device => "failing-gpu";

        public SufficientStatistics Compute(
            ModelParameters parameters, EStepPrecision? precision, CancellationToken cancellationToken)
        {
            Calls++;
            throw error;
        }

        public void Dispose() => Disposed = true;
    }
}
