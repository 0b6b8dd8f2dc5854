using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>Which vector implementation the CPU backend runs (tests pin each; users get <see cref="Auto"/>).</summary>
internal enum CpuKernelSet
{
    /// <summary>The widest the machine accelerates: AVX-512, else AVX2 with FMA, else scalar.</summary>
    Auto,

    /// <summary>512-bit registers.</summary>
    Vector512,

    /// <summary>256-bit registers.</summary>
    Vector256,

    /// <summary>One element at a time.</summary>
    Scalar,
}

/// <summary>Resolves <see cref="CpuKernelSet.Auto"/> against the running CPU.</summary>
internal static class CpuKernelSets
{
    /// <summary>The concrete set <paramref name="requested"/> means on this machine.</summary>
    public static CpuKernelSet Resolve(CpuKernelSet requested) => requested switch
    {
        CpuKernelSet.Auto when Vector512.IsHardwareAccelerated => CpuKernelSet.Vector512,
        CpuKernelSet.Auto when Vector256.IsHardwareAccelerated && Fma.IsSupported => CpuKernelSet.Vector256,
        CpuKernelSet.Auto => CpuKernelSet.Scalar,
        _ => requested,
    };

    /// <summary>A name for the device string: avx512, avx2 or scalar.</summary>
    public static string Name(CpuKernelSet set) => set switch
    {
        CpuKernelSet.Vector512 => "avx512",
        CpuKernelSet.Vector256 => "avx2",
        _ => "scalar",
    };
}
