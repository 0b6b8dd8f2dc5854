using AiMass.Coordinator.Tests.Support;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;

namespace AiMass.Coordinator.Tests.Cli;

/// <summary>
/// The same fit through `--device ilgpu-cpu` (the ILGPU kernels on ILGPU's CPU accelerator) and `--device cpu`
/// (the SIMD path) gives the same model within 1e-5: the GPU kernels compute what the CPU path computes.
/// </summary>
public sealed class DeviceAgreementTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("full")]
    [InlineData("diag")]
    [InlineData("tied")]
    [InlineData("spherical")]
    public void A_mixture_fitted_on_the_ilgpu_kernels_equals_the_cpu_fit(string covariance)
    {
        var data = _dir.File("x.npy");
        CliRun.Of("gen", "gmm", "--rows", "600", "--features", "3", "--components", "3", "--seed", "4",
            "--output", data).Succeeded();
        var models = new[] { "cpu", "ilgpu-cpu" }.Select(device =>
        {
            var output = _dir.File($"{device}-{covariance}.json");
            var run = CliRun.Of("fit", "gmm", "--data", data, "--k", "3", "--covariance", covariance, "--max-iter", "8",
                "--tol", "0", "--device", device, "--output", output).Succeeded();
            Assert.DoesNotContain("Partition 0:", run.Error, StringComparison.Ordinal); // no fallback to the CPU path
            return (GaussianMixtureParameters)ModelFile.Load(output);
        }).ToArray();

        Close.Arrays(models[0].Weights, models[1].Weights, 1e-5, "weights");
        Close.Arrays(models[0].Means, models[1].Means, 1e-5, "means");
        Close.Arrays(models[0].Covariances, models[1].Covariances, 1e-5, "covariances", absolute: 1e-9);
    }

    [Fact]
    public void An_hmm_fitted_on_the_ilgpu_kernels_equals_the_cpu_fit()
    {
        var data = _dir.File("s.npy");
        var lengths = _dir.File("s.txt");
        CliRun.Of("gen", "hmm", "--sequences", "6", "--length", "60", "--states", "3", "--features", "2",
            "--seed", "5", "--output", data, "--lengths-output", lengths).Succeeded();
        var models = new[] { "cpu", "ilgpu-cpu" }.Select(device =>
        {
            var output = _dir.File($"{device}-hmm.json");
            var run = CliRun.Of("fit", "hmm", "--data", data, "--lengths", lengths, "--states", "3", "--emission",
                "gaussian", "--max-iter", "6", "--tol", "0", "--device", device, "--output", output).Succeeded();
            Assert.DoesNotContain("Partition 0:", run.Error, StringComparison.Ordinal); // no fallback to the CPU path
            return (HmmParameters)ModelFile.Load(output);
        }).ToArray();

        Close.Arrays(models[0].Transitions, models[1].Transitions, 1e-5, "transmat", absolute: 1e-9);
        Close.Arrays(models[0].Means, models[1].Means, 1e-5, "means");
        Close.Arrays(models[0].Covariances, models[1].Covariances, 1e-5, "covariances", absolute: 1e-9);
    }
}
