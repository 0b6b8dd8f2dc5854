using System.Numerics;

namespace AiMass.Seed.Data;

/// <summary>
/// Element-wise conversions between the numeric types of data files and the float64/float32 spans the E-step
/// reads. float ↔ double use <see cref="Vector{T}"/> widening/narrowing (≈ 8–16 values per instruction); integer
/// conversions are plain loops (integer data is rare and converted once per read).
/// </summary>
internal static class NumericConvert
{
    /// <summary>destination[i] = source[i] (exact).</summary>
    public static void Widen(ReadOnlySpan<float> source, Span<double> destination)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var step = Vector<float>.Count;
            for (; i <= source.Length - step; i += step)
            {
                Vector.Widen(new Vector<float>(source[i..]), out var low, out var high);
                low.CopyTo(destination[i..]);
                high.CopyTo(destination[(i + Vector<double>.Count)..]);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = source[i];
        }
    }

    /// <summary>destination[i] = (float)source[i] (rounded to nearest float32).</summary>
    public static void Narrow(ReadOnlySpan<double> source, Span<float> destination)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var step = Vector<float>.Count;
            var half = Vector<double>.Count;
            for (; i <= source.Length - step; i += step)
            {
                var low = new Vector<double>(source[i..]);
                var high = new Vector<double>(source[(i + half)..]);
                Vector.Narrow(low, high).CopyTo(destination[i..]);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = (float)source[i];
        }
    }

    /// <summary>destination[i] = source[i] converted to <typeparamref name="TTo"/> (rounded for floats).</summary>
    public static void Convert<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> destination)
        where TFrom : unmanaged, INumberBase<TFrom>
        where TTo : unmanaged, INumberBase<TTo>
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = TTo.CreateTruncating(source[i]);
        }
    }
}
