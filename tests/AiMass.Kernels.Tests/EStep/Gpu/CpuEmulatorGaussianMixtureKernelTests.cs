using Xunit;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>The kernel tests on ILGPU's CPU accelerator (runs everywhere).</summary>
public sealed class CpuEmulatorGaussianMixtureKernelTests(CpuEmulatorFixture fixture)
    : GaussianMixtureKernelTests(fixture), IClassFixture<CpuEmulatorFixture>;
