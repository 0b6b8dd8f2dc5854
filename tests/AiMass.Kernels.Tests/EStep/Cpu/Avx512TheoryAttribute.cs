using System.Runtime.Intrinsics;

namespace AiMass.Kernels.Tests.EStep.Cpu;

/// <summary>
/// A test that compares the 512-bit kernels with the 256-bit ones: reported as skipped (not passed) on a CPU
/// without AVX-512, where only one of the two can run.
/// </summary>
public sealed class Avx512TheoryAttribute : TheoryAttribute
{
    /// <summary>Skips the test where Vector512 is not accelerated.</summary>
    public Avx512TheoryAttribute()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            Skip = "this CPU has no AVX-512: nothing to compare the 256-bit kernels with";
        }
    }
}
