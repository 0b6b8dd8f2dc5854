using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>float64 lanes in AVX2 registers (4 per register), fused multiply-add where the CPU has FMA.</summary>
internal readonly struct Simd256Double : ISimd<Vector256<double>, double>
{
    /// <inheritdoc />
    public static int Width => Vector256<double>.Count;

    /// <inheritdoc />
    public static string Name => "avx2";

    /// <inheritdoc />
    public static Vector256<double> Zero => Vector256<double>.Zero;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Broadcast(double value) => Vector256.Create(value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double source) => Vector256.LoadUnsafe(ref source);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LoadCentred(ref double source, ref double centre) =>
        Vector256.LoadUnsafe(ref source) - Vector256.LoadUnsafe(ref centre);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> value, ref double destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Subtract(Vector256<double> a, Vector256<double> b) => a - b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> b) => a * b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Vector256.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Max(Vector256<double> a, Vector256<double> b) => Vector256.Max(a, b);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x) => FastDoubleMath.Exp(x);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ExpAbove(Vector256<double> x, Vector256<double> cutoff) =>
        ZeroBelow(FastDoubleMath.Exp(x), x, cutoff);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x) => FastDoubleMath.Log(x);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ZeroBelow(
        Vector256<double> value, Vector256<double> test, Vector256<double> limit) =>
        Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(test, limit), value, Vector256<double>.Zero);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint NonZeroMask(Vector256<double> value) =>
        (uint)(~Vector256.Equals(value, Vector256<double>.Zero)).ExtractMostSignificantBits();

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Divide(Vector256<double> a, Vector256<double> b) => a / b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SumToDouble(Vector256<double> value) => Vector256.Sum(value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddTo(Vector256<double> value, ref double destination)
    {
        Vector256.Add(Vector256.LoadUnsafe(ref destination), value).StoreUnsafe(ref destination);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double FromDouble(double value) => (double)value;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToDouble(double value) => value;
}
