using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// float64 eˣ and ln x for the float64 kernels' log-sum-exp, inlined into them. The runtime's
/// <c>Vector512.Exp</c>/<c>Log</c> are separate generic methods that tiered compilation promotes to optimised
/// code only after a delay, so a short fit ran them unoptimised. Cephes' exp (Cody–Waite reduction with n rounded to
/// nearest, ties to even, a (3,4) Padé form of eʳ, 2ⁿ built in the exponent bits) and log (x = m·2ᵉ,
/// m in [√½, √2), f = m − 1, ln x = f − f²/2 + f³P(f)/Q(f) + e ln 2). Relative error ≤ 2 ulp over the ranges the
/// kernels use (tested against <c>Math.Exp</c> and <c>Math.Log</c>).
/// </summary>
internal static class FastDoubleMath
{
    private const double Log2E = 1.4426950408889634073599;
    private const double ExpC1 = 6.93145751953125e-1;
    private const double ExpC2 = 1.42860682030941723212e-6;
    private const double Lowest = -708.0;
    private const double Highest = 709.0;

    /// <summary>1.5·2⁵²: adding it to |v| &lt; 2⁵¹ rounds v to an integer (ties to even) and leaves that integer
    /// in the low mantissa bits of the sum.</summary>
    private const double RoundingShift = 6755399441055744.0;

    private const long MantissaMask = unchecked((long)0x800FFFFFFFFFFFFFUL);
    private const long Half = 0x3FE0000000000000L;
    private const double SqrtHalf = 0.70710678118654752440;
    private const double LogC1 = 0.693359375;
    private const double LogC2 = -2.121944400546905827679e-4;

    /// <summary>eˣ lane-wise on 8 doubles, x in [−708, 709] (the callers clamp).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(Lowest)), Vector512.Create(Highest));
        var t = (x * Vector512.Create(Log2E)) + Vector512.Create(RoundingShift);
        var n = t - Vector512.Create(RoundingShift);
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-ExpC1), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-ExpC2), r);
        var rr = r * r;
        var p = Vector512.FusedMultiplyAdd(
            Vector512.Create(1.26177193074810590878e-4), rr, Vector512.Create(3.02994407707441961300e-2));
        p = Vector512.FusedMultiplyAdd(p, rr, Vector512.Create(9.99999999999999999910e-1)) * r;
        var q = Vector512.FusedMultiplyAdd(
            Vector512.Create(3.00198505138664455042e-6), rr, Vector512.Create(2.52448340349684104192e-3));
        q = Vector512.FusedMultiplyAdd(q, rr, Vector512.Create(2.27265548208155028766e-1));
        q = Vector512.FusedMultiplyAdd(q, rr, Vector512.Create(2.00000000000000000009e0));
        var e = Vector512.FusedMultiplyAdd(p / (q - p), Vector512.Create(2.0), Vector512.Create(1.0));
        var scale = Vector512.ShiftLeft(t.AsInt64() + Vector512.Create(1023L), 52).AsDouble();
        return e * scale;
    }

    /// <summary>ln x lane-wise on 8 doubles, x positive and normal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x)
    {
        var bits = x.AsInt64();
        var exponent = Vector512.ConvertToDouble(Vector512.ShiftRightLogical(bits, 52) - Vector512.Create(1022L));
        var m = (Vector512.BitwiseAnd(bits, Vector512.Create(MantissaMask)) | Vector512.Create(Half)).AsDouble();
        var small = Vector512.LessThan(m, Vector512.Create(SqrtHalf));
        exponent -= Vector512.ConditionalSelect(small, Vector512.Create(1.0), Vector512<double>.Zero);
        var f = m + Vector512.ConditionalSelect(small, m, Vector512<double>.Zero) - Vector512.Create(1.0);
        var z = f * f;
        var p = Vector512.FusedMultiplyAdd(
            Vector512.Create(1.01875663804580931796e-4), f, Vector512.Create(4.97494994976747001425e-1));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(4.70579119878881725854e0));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(1.44989225341610930846e1));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(1.79368678507819816313e1));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(7.70838733755885391666e0));
        var q = f + Vector512.Create(1.12873587189167450590e1);
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(4.52279145837532221105e1));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(8.29875266912776603211e1));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(7.11544750618563894466e1));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(2.31251620126765340583e1));
        var y = Vector512.FusedMultiplyAdd(exponent, Vector512.Create(LogC2), f * z * p / q);
        y = Vector512.FusedMultiplyAdd(z, Vector512.Create(-0.5), y);
        return Vector512.FusedMultiplyAdd(exponent, Vector512.Create(LogC1), f + y);
    }

    /// <summary>eˣ lane-wise on 4 doubles, x in [−708, 709] (the callers clamp).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(Lowest)), Vector256.Create(Highest));
        var t = (x * Vector256.Create(Log2E)) + Vector256.Create(RoundingShift);
        var n = t - Vector256.Create(RoundingShift);
        var r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-ExpC1), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-ExpC2), r);
        var rr = r * r;
        var p = Vector256.FusedMultiplyAdd(
            Vector256.Create(1.26177193074810590878e-4), rr, Vector256.Create(3.02994407707441961300e-2));
        p = Vector256.FusedMultiplyAdd(p, rr, Vector256.Create(9.99999999999999999910e-1)) * r;
        var q = Vector256.FusedMultiplyAdd(
            Vector256.Create(3.00198505138664455042e-6), rr, Vector256.Create(2.52448340349684104192e-3));
        q = Vector256.FusedMultiplyAdd(q, rr, Vector256.Create(2.27265548208155028766e-1));
        q = Vector256.FusedMultiplyAdd(q, rr, Vector256.Create(2.00000000000000000009e0));
        var e = Vector256.FusedMultiplyAdd(p / (q - p), Vector256.Create(2.0), Vector256.Create(1.0));
        var scale = Vector256.ShiftLeft(t.AsInt64() + Vector256.Create(1023L), 52).AsDouble();
        return e * scale;
    }

    /// <summary>ln x lane-wise on 4 doubles, x positive and normal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x)
    {
        var bits = x.AsInt64();
        var exponent = Vector256.ConvertToDouble(Vector256.ShiftRightLogical(bits, 52) - Vector256.Create(1022L));
        var m = (Vector256.BitwiseAnd(bits, Vector256.Create(MantissaMask)) | Vector256.Create(Half)).AsDouble();
        var small = Vector256.LessThan(m, Vector256.Create(SqrtHalf));
        exponent -= Vector256.ConditionalSelect(small, Vector256.Create(1.0), Vector256<double>.Zero);
        var f = m + Vector256.ConditionalSelect(small, m, Vector256<double>.Zero) - Vector256.Create(1.0);
        var z = f * f;
        var p = Vector256.FusedMultiplyAdd(
            Vector256.Create(1.01875663804580931796e-4), f, Vector256.Create(4.97494994976747001425e-1));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(4.70579119878881725854e0));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(1.44989225341610930846e1));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(1.79368678507819816313e1));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(7.70838733755885391666e0));
        var q = f + Vector256.Create(1.12873587189167450590e1);
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(4.52279145837532221105e1));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(8.29875266912776603211e1));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(7.11544750618563894466e1));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(2.31251620126765340583e1));
        var y = Vector256.FusedMultiplyAdd(exponent, Vector256.Create(LogC2), f * z * p / q);
        y = Vector256.FusedMultiplyAdd(z, Vector256.Create(-0.5), y);
        return Vector256.FusedMultiplyAdd(exponent, Vector256.Create(LogC1), f + y);
    }
}
