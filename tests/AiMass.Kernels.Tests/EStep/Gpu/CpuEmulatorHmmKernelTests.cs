using Xunit;
using Xunit.Abstractions;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>The HMM kernel tests on ILGPU's CPU accelerator (runs everywhere).</summary>
public sealed class CpuEmulatorHmmKernelTests(CpuEmulatorFixture fixture, ITestOutputHelper output)
    : HmmKernelTests(fixture, output), IClassFixture<CpuEmulatorFixture>;
