using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>float32 lanes in AVX-512 registers (16 per register).</summary>
internal readonly struct Simd512Single : ISimd<Vector512<float>, float>
{
    /// <inheritdoc />
    public static int Width => Vector512<float>.Count;

    /// <inheritdoc />
    public static string Name => "avx512";

    /// <inheritdoc />
    public static Vector512<float> Zero => Vector512<float>.Zero;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source) => Vector512.LoadUnsafe(ref source);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LoadCentred(ref double source, ref double centre) =>
        Vector512.Narrow(
            Vector512.LoadUnsafe(ref source) - Vector512.LoadUnsafe(ref centre),
            Vector512.LoadUnsafe(ref source, 8) - Vector512.LoadUnsafe(ref centre, 8));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) =>
        Vector512.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x) => FastExp.Exp(x);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExpAbove(Vector512<float> x, Vector512<float> cutoff) =>
        ZeroBelow(FastExp.Exp(x), x, cutoff);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x) => FastLog.Log(x);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ZeroBelow(
        Vector512<float> value, Vector512<float> test, Vector512<float> limit) =>
        Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(test, limit), value, Vector512<float>.Zero);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint NonZeroMask(Vector512<float> value) =>
        (uint)(~Vector512.Equals(value, Vector512<float>.Zero)).ExtractMostSignificantBits();

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SumToDouble(Vector512<float> value) =>
        Vector512.Sum(Vector512.WidenLower(value) + Vector512.WidenUpper(value));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddTo(Vector512<float> value, ref double destination)
    {
        var (lower, upper) = Vector512.Widen(value);
        Vector512.Add(Vector512.LoadUnsafe(ref destination), lower).StoreUnsafe(ref destination);
        ref var high = ref Unsafe.Add(ref destination, Vector512<double>.Count);
        Vector512.Add(Vector512.LoadUnsafe(ref high), upper).StoreUnsafe(ref high);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float FromDouble(double value) => (float)value;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToDouble(float value) => value;
}
