using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// float32 ln x for the log-sum-exp, inlined into the kernels (the runtime's <c>Vector512.Log</c> is a separate
/// generic method that a short fit runs unoptimised: tiered compilation promotes it only after a delay, and it
/// cost 2.3 ms of a 6 ms iteration at N=200k, K=16 when it did). Cephes' logf: x = m·2ᵉ with m in [√½, √2),
/// f = m − 1, ln x = f − f²/2 + f³P(f) + e ln 2 (ln 2 split in two). For positive normal x; the log-sum-exp's
/// sums are at least 1. Relative error ≤ 2 ulp (tested).
/// </summary>
internal static class FastLog
{
    private const int MantissaMask = unchecked((int)0x807FFFFF);
    private const int Half = 0x3F000000;
    private const float SqrtHalf = 0.707106781186547524f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;

    /// <summary>ln x lane-wise on 16 floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x)
    {
        var bits = x.AsInt32();
        var exponent = Vector512.ConvertToSingle(Vector512.ShiftRightArithmetic(bits, 23) - Vector512.Create(126));
        var m = ((Vector512.BitwiseAnd(bits, Vector512.Create(MantissaMask)) | Vector512.Create(Half))).AsSingle();
        var small = Vector512.LessThan(m, Vector512.Create(SqrtHalf));
        exponent -= Vector512.ConditionalSelect(small, Vector512.Create(1f), Vector512<float>.Zero);
        var f = m + Vector512.ConditionalSelect(small, m, Vector512<float>.Zero) - Vector512.Create(1f);
        var z = f * f;
        var p = Vector512.Create(7.0376836292e-2f);
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(-1.1514610310e-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(1.1676998740e-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(-1.2420140846e-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(1.4249322787e-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(-1.6668057665e-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(2.0000714765e-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(-2.4999993993e-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(3.3333331174e-1f));
        var y = Vector512.FusedMultiplyAdd(exponent, Vector512.Create(Ln2Low), p * f * z);
        y = Vector512.FusedMultiplyAdd(z, Vector512.Create(-0.5f), y);
        return Vector512.FusedMultiplyAdd(exponent, Vector512.Create(Ln2High), f + y);
    }

    /// <summary>ln x lane-wise on 8 floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x)
    {
        var bits = x.AsInt32();
        var exponent = Vector256.ConvertToSingle(Vector256.ShiftRightArithmetic(bits, 23) - Vector256.Create(126));
        var m = ((Vector256.BitwiseAnd(bits, Vector256.Create(MantissaMask)) | Vector256.Create(Half))).AsSingle();
        var small = Vector256.LessThan(m, Vector256.Create(SqrtHalf));
        exponent -= Vector256.ConditionalSelect(small, Vector256.Create(1f), Vector256<float>.Zero);
        var f = m + Vector256.ConditionalSelect(small, m, Vector256<float>.Zero) - Vector256.Create(1f);
        var z = f * f;
        var p = Vector256.Create(7.0376836292e-2f);
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(-1.1514610310e-1f));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(1.1676998740e-1f));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(-1.2420140846e-1f));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(1.4249322787e-1f));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(-1.6668057665e-1f));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(2.0000714765e-1f));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(-2.4999993993e-1f));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(3.3333331174e-1f));
        var y = Vector256.FusedMultiplyAdd(exponent, Vector256.Create(Ln2Low), p * f * z);
        y = Vector256.FusedMultiplyAdd(z, Vector256.Create(-0.5f), y);
        return Vector256.FusedMultiplyAdd(exponent, Vector256.Create(Ln2High), f + y);
    }
}
