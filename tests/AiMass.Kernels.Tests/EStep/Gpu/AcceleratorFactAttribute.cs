using Xunit;
using Xunit.Sdk;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>
/// A fact that runs on every accelerator test class; in a class marked <see cref="RequiresGpuAttribute"/> it
/// reports as skipped unless <c>AIMASS_GPU_TESTS=1</c> (xunit 2 has no dynamic skip, so the discoverer decides).
/// </summary>
[XunitTestCaseDiscoverer("AiMass.Kernels.Tests.EStep.Gpu.AcceleratorFactDiscoverer", "AiMass.Kernels.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class AcceleratorFactAttribute : FactAttribute;
