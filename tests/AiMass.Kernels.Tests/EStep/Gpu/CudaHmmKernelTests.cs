using Xunit;
using Xunit.Abstractions;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>The HMM kernel tests on the first CUDA device; skipped unless AIMASS_GPU_TESTS=1.</summary>
[RequiresGpu]
public sealed class CudaHmmKernelTests(CudaFixture fixture, ITestOutputHelper output)
    : HmmKernelTests(fixture, output), IClassFixture<CudaFixture>;
