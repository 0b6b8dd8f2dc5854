using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AiMass.Seed.Data;

/// <summary>
/// Element-wise conversions between the numeric types of data files and the float64/float32 spans the E-step
/// reads. float ↔ double use 512- or 256-bit vector widening/narrowing (16 or 8 values per step; the E-step reads
/// 10⁷ × 32 values per iteration); integer conversions are plain loops (integer data is rare).
/// </summary>
internal static class NumericConvert
{
    /// <summary>destination[i] = source[i] (exact) for i &lt; source.Length.</summary>
    public static void Widen(ReadOnlySpan<float> source, Span<double> destination)
    {
        CheckLength(source.Length, destination.Length);
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var d = ref MemoryMarshal.GetReference(destination);
        nuint n = (nuint)source.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= n; i += 16)
            {
                var (low, high) = Vector512.Widen(Vector512.LoadUnsafe(ref s, i));
                low.StoreUnsafe(ref d, i);
                high.StoreUnsafe(ref d, i + 8);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= n; i += 8)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref s, i));
                low.StoreUnsafe(ref d, i);
                high.StoreUnsafe(ref d, i + 4);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) = Unsafe.Add(ref s, i);
        }
    }

    /// <summary>destination[i] = (float)source[i] (rounded to nearest float32) for i &lt; source.Length.</summary>
    public static void Narrow(ReadOnlySpan<double> source, Span<float> destination)
    {
        CheckLength(source.Length, destination.Length);
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var d = ref MemoryMarshal.GetReference(destination);
        nuint n = (nuint)source.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= n; i += 16)
            {
                var low = Vector512.LoadUnsafe(ref s, i);
                Vector512.Narrow(low, Vector512.LoadUnsafe(ref s, i + 8)).StoreUnsafe(ref d, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= n; i += 8)
            {
                var low = Vector256.LoadUnsafe(ref s, i);
                Vector256.Narrow(low, Vector256.LoadUnsafe(ref s, i + 4)).StoreUnsafe(ref d, i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) = (float)Unsafe.Add(ref s, i);
        }
    }

    /// <summary>
    /// destination[i] = source[i] converted to <typeparamref name="TTo"/> (rounded for floats): a copy for the same
    /// type, <see cref="Widen"/> or <see cref="Narrow"/> between float32 and float64 (the type tests are JIT-time
    /// constants, so each instantiation keeps only its own path), a plain loop otherwise.
    /// </summary>
    public static void Convert<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> destination)
        where TFrom : unmanaged, INumberBase<TFrom>
        where TTo : unmanaged, INumberBase<TTo>
    {
        if (typeof(TFrom) == typeof(float) && typeof(TTo) == typeof(double))
        {
            Widen(MemoryMarshal.Cast<TFrom, float>(source), MemoryMarshal.Cast<TTo, double>(destination));
            return;
        }

        if (typeof(TFrom) == typeof(double) && typeof(TTo) == typeof(float))
        {
            Narrow(MemoryMarshal.Cast<TFrom, double>(source), MemoryMarshal.Cast<TTo, float>(destination));
            return;
        }

        CheckLength(source.Length, destination.Length);
        if (typeof(TFrom) == typeof(TTo))
        {
            MemoryMarshal.Cast<TFrom, TTo>(source).CopyTo(destination);
            return;
        }

        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = TTo.CreateTruncating(source[i]);
        }
    }

    private static void CheckLength(int source, int destination)
    {
        if (destination < source)
        {
            throw new ArgumentException($"The destination holds {destination} values; {source} are needed.");
        }
    }
}
