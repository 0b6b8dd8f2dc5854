using Xunit;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>The kernel tests on the first CUDA device; skipped unless AIMASS_GPU_TESTS=1.</summary>
[RequiresGpu]
public sealed class CudaGaussianMixtureKernelTests(CudaFixture fixture)
    : GaussianMixtureKernelTests(fixture), IClassFixture<CudaFixture>;
