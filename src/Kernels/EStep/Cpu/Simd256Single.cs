using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>float32 lanes in AVX2 registers (8 per register), fused multiply-add where the CPU has FMA.</summary>
internal readonly struct Simd256Single : ISimd<Vector256<float>, float>
{
    /// <inheritdoc />
    public static int Width => Vector256<float>.Count;

    /// <inheritdoc />
    public static string Name => "avx2";

    /// <inheritdoc />
    public static Vector256<float> Zero => Vector256<float>.Zero;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source) => Vector256.LoadUnsafe(ref source);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadCentred(ref double source, ref double centre) =>
        Vector256.Narrow(
            Vector256.LoadUnsafe(ref source) - Vector256.LoadUnsafe(ref centre),
            Vector256.LoadUnsafe(ref source, 4) - Vector256.LoadUnsafe(ref centre, 4));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Vector256.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x) => FastExp.Exp(x);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpAbove(Vector256<float> x, Vector256<float> cutoff) =>
        ZeroBelow(FastExp.Exp(x), x, cutoff);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x) => FastLog.Log(x);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ZeroBelow(
        Vector256<float> value, Vector256<float> test, Vector256<float> limit) =>
        Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(test, limit), value, Vector256<float>.Zero);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint NonZeroMask(Vector256<float> value) =>
        (uint)(~Vector256.Equals(value, Vector256<float>.Zero)).ExtractMostSignificantBits();

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SumToDouble(Vector256<float> value) =>
        Vector256.Sum(Vector256.WidenLower(value) + Vector256.WidenUpper(value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddTo(Vector256<float> value, ref double destination)
    {
        var (lower, upper) = Vector256.Widen(value);
        Vector256.Add(Vector256.LoadUnsafe(ref destination), lower).StoreUnsafe(ref destination);
        ref var high = ref Unsafe.Add(ref destination, Vector256<double>.Count);
        Vector256.Add(Vector256.LoadUnsafe(ref high), upper).StoreUnsafe(ref high);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float FromDouble(double value) => (float)value;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToDouble(float value) => value;
}
