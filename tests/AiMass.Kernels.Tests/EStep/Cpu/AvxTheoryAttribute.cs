using System.Runtime.Intrinsics.X86;

namespace AiMass.Kernels.Tests.EStep.Cpu;

/// <summary>A test of AVX-only code: reported as skipped (not passed) on a CPU without AVX.</summary>
public sealed class AvxTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips the test where AVX is not supported.</summary>
    public AvxTheoryAttribute()
    {
        if (!Avx.IsSupported)
        {
            Skip = "this CPU has no AVX";
        }
    }
}
