using System.Numerics;
using System.Runtime.CompilerServices;

namespace AiMass.Kernels.Em;

/// <summary>
/// Float64 sums whose bits do not depend on the order or grouping of the additions: <see cref="Length"/>
/// independent positions, each a binned accumulator in the manner of ReproBLAS (Demmel and Nguyen, "Parallel
/// reproducible summation", IEEE TC 2015), with integer bins instead of floating-point ones.
/// </summary>
/// <remarks>
/// The binary line is cut into bins of <see cref="BinBits"/> = 32 bits at fixed positions (bin b holds the bits of
/// weight 2^(32b) … 2^(32b+31)). A position keeps the index T of the highest bin that any addend reached and the
/// exact integer sums of the addends' 32-bit slices in bins T, T−1 and T−2 (<see cref="Folds"/>), in three
/// <see cref="long"/>s. Slices below bin T−2 are dropped. So the kept value is Σ_i (the part of x_i in bins T−2..T),
/// computed exactly, and T = the bin of max |x_i|: both are independent of order and grouping, and so is every
/// function of them, including the rounding to float64. At least 64 bits below the leading bit of the largest
/// addend are kept, so the error is below n·2⁻⁶³·max|x_i| (plain float64 addition: about n·2⁻⁵³·Σ|x_i|).
/// Bins never carry into each other: a carry would move value across the drop line depending on when it
/// happened. Each slice is below 2³², so a bin absorbs 2³¹ addends before it could overflow; the owner
/// (<see cref="StatisticsSum"/>) caps additions at <see cref="MaxAddends"/>. NaN and ±∞ are kept as flags
/// (∞ + −∞ = NaN, as IEEE addition).
/// </remarks>
public sealed class ReproducibleSums
{
    /// <summary>Width of a bin in bits.</summary>
    public const int BinBits = 32;

    /// <summary>Bins kept per position.</summary>
    public const int Folds = 3;

    /// <summary>The top-bin value of a position nothing nonzero was added to.</summary>
    public const sbyte Empty = sbyte.MinValue;

    /// <summary>Most addends per position: far below the 2³¹ at which a bin could overflow.</summary>
    public const long MaxAddends = 1L << 30;

    /// <summary>Flag of a NaN addend.</summary>
    public const byte NaNFlag = 1;

    /// <summary>Flag of a +∞ addend.</summary>
    public const byte PositiveInfinityFlag = 2;

    /// <summary>Flag of a −∞ addend.</summary>
    public const byte NegativeInfinityFlag = 4;

    private const ulong SliceMask = 0xFFFF_FFFFUL;
    private readonly sbyte[] _top;
    private readonly long[] _bins;
    private byte[]? _special;

    /// <summary><paramref name="length"/> positions, all zero.</summary>
    public ReproducibleSums(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _top = new sbyte[length];
        _bins = new long[(long)length * Folds];
        Array.Fill(_top, Empty);
    }

    /// <summary>Number of positions.</summary>
    public int Length => _top.Length;

    /// <summary>Top bin index per position (<see cref="Empty"/> when nothing nonzero was added).</summary>
    public ReadOnlySpan<sbyte> TopBins => _top;

    /// <summary>The kept bin sums, <c>[Length × Folds]</c>: bins T, T−1, T−2 of each position.</summary>
    public ReadOnlySpan<long> Bins => _bins;

    /// <summary>NaN/∞ flags per position, or empty when no addend was NaN or infinite.</summary>
    public ReadOnlySpan<byte> SpecialFlags => _special;

    /// <summary>Adds <paramref name="values"/> to positions <paramref name="offset"/> onwards.</summary>
    public void Add(int offset, ReadOnlySpan<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + values.Length, Length);
        for (var i = 0; i < values.Length; i++)
        {
            Add(offset + i, values[i]);
        }
    }

    /// <summary>Adds <paramref name="value"/> to position <paramref name="position"/>.</summary>
    public void Add(int position, double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = (ulong)bits & 0x000F_FFFF_FFFF_FFFFUL;
        if (exponent == 0x7FF)
        {
            Flag(position, mantissa != 0 ? NaNFlag : bits < 0 ? NegativeInfinityFlag : PositiveInfinityFlag);
            return;
        }

        if (exponent == 0 && mantissa == 0)
        {
            return; // ±0 adds nothing
        }

        // value = ±mantissa · 2^lowest, mantissa < 2^53.
        var lowest = exponent == 0 ? -1074 : exponent - 1075;
        if (exponent != 0)
        {
            mantissa |= 1UL << 52;
        }

        var leading = lowest + 63 - BitOperations.LeadingZeroCount(mantissa);
        var top = Raise(position, leading >> 5);

        // The value's bits from bin top−2 up, as one integer below 2^96: the three 32-bit slices at once.
        var shift = lowest - (BinBits * (top - 2));
        var window = shift >= 0 ? (UInt128)mantissa << shift : shift > -64 ? mantissa >> -shift : UInt128.Zero;
        var sign = bits >> 63; // 0 or −1: (x ^ sign) − sign negates x for a negative value
        ref var bin = ref _bins[position * Folds];
        bin += ((long)(ulong)(window >> 64) ^ sign) - sign;
        Unsafe.Add(ref bin, 1) += ((long)((ulong)(window >> 32) & SliceMask) ^ sign) - sign;
        Unsafe.Add(ref bin, 2) += ((long)((ulong)window & SliceMask) ^ sign) - sign;
    }

    /// <summary>Adds every position of <paramref name="other"/> (same length) to this one.</summary>
    public void Merge(ReproducibleSums other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Length != Length)
        {
            throw new ArgumentException($"Cannot merge {other.Length} sums into {Length}.", nameof(other));
        }

        for (var i = 0; i < Length; i++)
        {
            var o = other._bins.AsSpan(i * Folds, Folds);
            MergePosition(i, other._top[i], o[0], o[1], o[2], other._special is { } s ? s[i] : (byte)0);
        }
    }

    /// <summary>
    /// Adds one position's kept state (top bin, its three bin sums, NaN/∞ flags), as another accumulator (or its wire
    /// form) holds it.
    /// </summary>
    public void MergePosition(int position, sbyte top, long bin0, long bin1, long bin2, byte flags = 0)
    {
        if (flags != 0)
        {
            Flag(position, flags);
        }

        if (top == Empty)
        {
            return;
        }

        var shift = Raise(position, top) - top;
        ref var bin = ref _bins[position * Folds];
        switch (shift)
        {
            case 0:
                bin += bin0;
                Unsafe.Add(ref bin, 1) += bin1;
                Unsafe.Add(ref bin, 2) += bin2;
                break;
            case 1:
                Unsafe.Add(ref bin, 1) += bin0;
                Unsafe.Add(ref bin, 2) += bin1;
                break;
            case 2:
                Unsafe.Add(ref bin, 2) += bin0;
                break;
        }
    }

    /// <summary>The sum at <paramref name="position"/>, rounded to float64 (the same bits for any order).</summary>
    public double Value(int position)
    {
        if (_special is { } special && special[position] != 0)
        {
            var flags = special[position];
            return (flags & NaNFlag) != 0
                || (flags & (PositiveInfinityFlag | NegativeInfinityFlag))
                == (PositiveInfinityFlag | NegativeInfinityFlag)
                    ? double.NaN
                    : (flags & PositiveInfinityFlag) != 0 ? double.PositiveInfinity : double.NegativeInfinity;
        }

        var top = _top[position];
        if (top == Empty)
        {
            return 0;
        }

        var bins = _bins.AsSpan(position * Folds, Folds);
        var exact = ((Int128)bins[0] << (2 * BinBits)) + ((Int128)bins[1] << BinBits) + bins[2];
        if (exact == 0)
        {
            return 0;
        }

        // Correct rounding of the 128-bit integer: its top 64 bits, with a sticky bit for anything below them, round
        // to 53 bits exactly as the whole would (the sticky bit lies far below the rounding position).
        var magnitude = (UInt128)(Int128.IsNegative(exact) ? -exact : exact);
        var zeros = (int)UInt128.LeadingZeroCount(magnitude);
        var normalized = magnitude << zeros;
        var head = (ulong)(normalized >> 64) | ((ulong)normalized != 0 ? 1UL : 0UL);
        var rounded = Math.ScaleB((double)head, 64 - zeros + (BinBits * (top - 2)));
        return Int128.IsNegative(exact) ? -rounded : rounded;
    }

    /// <summary>Every position's sum, rounded (<see cref="Value"/>), into <paramref name="destination"/>.</summary>
    public void CopyTo(int offset, Span<double> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = Value(offset + i);
        }
    }

    /// <summary>Moves position's bins down so that its top bin is at least <paramref name="top"/>; returns it.
    /// </summary>
    private int Raise(int position, int top)
    {
        ref var current = ref _top[position];
        if (top <= current)
        {
            return current; // an empty position (−128, below every bin index) is always raised
        }

        ref var bin = ref _bins[position * Folds];
        var shift = current == Empty ? Folds : top - current;
        var b0 = bin;
        var b1 = Unsafe.Add(ref bin, 1);
        bin = 0;
        Unsafe.Add(ref bin, 1) = shift == 1 ? b0 : 0;
        Unsafe.Add(ref bin, 2) = shift == 1 ? b1 : shift == 2 ? b0 : 0;
        current = (sbyte)top;
        return top;
    }

    private void Flag(int position, byte flag)
    {
        _special ??= new byte[Length];
        _special[position] |= flag;
    }
}
