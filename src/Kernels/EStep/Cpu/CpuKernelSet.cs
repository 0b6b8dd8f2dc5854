using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>Which vector implementation the CPU backend runs (<c>--cpu-kernels</c>; tests pin each).</summary>
public enum CpuKernelSet
{
    /// <summary>The widest the machine accelerates: AVX-512, else AVX2 with FMA, else scalar.</summary>
    Auto,

    /// <summary>512-bit registers (AVX-512).</summary>
    Vector512,

    /// <summary>256-bit registers (AVX2 with FMA).</summary>
    Vector256,

    /// <summary>One element at a time.</summary>
    Scalar,
}

/// <summary>Resolves <see cref="CpuKernelSet.Auto"/> against the running CPU, and names kernel sets.</summary>
public static class CpuKernelSets
{
    /// <summary>The concrete set <paramref name="requested"/> means on this machine.</summary>
    public static CpuKernelSet Resolve(CpuKernelSet requested) => requested switch
    {
        CpuKernelSet.Auto when Vector512.IsHardwareAccelerated => CpuKernelSet.Vector512,
        CpuKernelSet.Auto when Vector256.IsHardwareAccelerated && Fma.IsSupported => CpuKernelSet.Vector256,
        CpuKernelSet.Auto => CpuKernelSet.Scalar,
        _ => requested,
    };

    /// <summary>A name for the device string and <c>--cpu-kernels</c>: avx512, avx2 or scalar.</summary>
    public static string Name(CpuKernelSet set) => set switch
    {
        CpuKernelSet.Vector512 => "avx512",
        CpuKernelSet.Vector256 => "avx2",
        CpuKernelSet.Scalar => "scalar",
        _ => "auto",
    };

    /// <summary>
    /// Parses a <c>--cpu-kernels</c> value (auto, avx512, avx2, scalar) and checks that this CPU accelerates it;
    /// throws <see cref="InvalidInputException"/> naming the value and the remedy.
    /// </summary>
    public static CpuKernelSet Parse(string? value)
    {
        var set = value?.Trim().ToLowerInvariant() switch
        {
            "auto" => CpuKernelSet.Auto,
            "avx512" => CpuKernelSet.Vector512,
            "avx2" => CpuKernelSet.Vector256,
            "scalar" => CpuKernelSet.Scalar,
            _ => throw new InvalidInputException($"--cpu-kernels {value}: use auto, avx512, avx2 or scalar."),
        };
        var available = set switch
        {
            CpuKernelSet.Vector512 => Vector512.IsHardwareAccelerated,
            CpuKernelSet.Vector256 => Vector256.IsHardwareAccelerated && Fma.IsSupported,
            _ => true,
        };
        return available
            ? set
            : throw new InvalidInputException(
                $"--cpu-kernels {value}: this CPU does not accelerate it; use auto or a narrower set.");
    }
}
