using Xunit.Sdk;

namespace AiMass.Kernels.Tests.EStep.Cpu;

/// <summary>
/// A theory whose data rows name a CPU kernel set ("Vector512", "Vector256"): a row for a vector width this CPU
/// does not accelerate is reported as skipped, with the reason, instead of passing without running.
/// </summary>
[XunitTestCaseDiscoverer("AiMass.Kernels.Tests.EStep.Cpu.KernelSetTheoryDiscoverer", "AiMass.Kernels.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class KernelSetTheoryAttribute : TheoryAttribute
{
    /// <summary>Why a row naming <paramref name="kernelSet"/> cannot run here, or null when it can.</summary>
    public static string? Unavailable(string kernelSet) => kernelSet switch
    {
        "Vector512" when !System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated =>
            "this CPU does not accelerate 512-bit vectors (no AVX-512): the Vector512 kernels run where it does",
        "Vector256" when !System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated =>
            "this CPU does not accelerate 256-bit vectors (no AVX2): the Vector256 kernels run where it does",
        _ => null,
    };
}
