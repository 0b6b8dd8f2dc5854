namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The vector operations the CPU E-step kernels are written against, one implementation per instruction set and
/// element type (Vector512, Vector256 with FMA, scalar; float32 and float64). Kernels are generic over a struct
/// implementing this, so the JIT specialises and inlines each combination: one kernel source, no virtual calls.
/// </summary>
/// <typeparam name="TVec">The register type (e.g. <c>Vector512&lt;float&gt;</c>; <c>float</c> for scalar).</typeparam>
/// <typeparam name="T">The element type (float or double).</typeparam>
internal interface ISimd<TVec, T>
    where TVec : struct
    where T : unmanaged
{
    /// <summary>Elements per register.</summary>
    static abstract int Width { get; }

    /// <summary>A short name for diagnostics ("avx512", "avx2", "scalar").</summary>
    static abstract string Name { get; }

    /// <summary>All lanes zero.</summary>
    static abstract TVec Zero { get; }

    /// <summary>All lanes <paramref name="value"/>.</summary>
    static abstract TVec Broadcast(T value);

    /// <summary>Loads <see cref="Width"/> elements from <paramref name="source"/> on (no alignment needed).</summary>
    static abstract TVec Load(ref T source);

    /// <summary>Loads <see cref="Width"/> float64 values and <see cref="Width"/> centres, subtracts in float64 and
    /// rounds the differences to the element type.</summary>
    static abstract TVec LoadCentred(ref double source, ref double centre);

    /// <summary>Stores all lanes starting at <paramref name="destination"/>.</summary>
    static abstract void Store(TVec value, ref T destination);

    /// <summary>a + b.</summary>
    static abstract TVec Add(TVec a, TVec b);

    /// <summary>a − b.</summary>
    static abstract TVec Subtract(TVec a, TVec b);

    /// <summary>a · b.</summary>
    static abstract TVec Multiply(TVec a, TVec b);

    /// <summary>a · b + c, fused where the hardware has FMA.</summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec c);

    /// <summary>Lane-wise maximum.</summary>
    static abstract TVec Max(TVec a, TVec b);

    /// <summary>Lane-wise eˣ.</summary>
    static abstract TVec Exp(TVec x);

    /// <summary>
    /// Lane-wise <c>x ≥ cutoff ? eˣ : 0</c> for the log-sum-exp (x ≤ 0): the terms a row keeps. The vector forms
    /// evaluate eˣ on x as it is (their <see cref="Exp"/> clamps its input to its range), the scalar ones on
    /// max(x, cutoff).
    /// </summary>
    static abstract TVec ExpAbove(TVec x, TVec cutoff);

    /// <summary>Lane-wise natural logarithm.</summary>
    static abstract TVec Log(TVec x);

    /// <summary>Lane-wise <c>test ≥ limit ? value : 0</c>.</summary>
    static abstract TVec ZeroBelow(TVec value, TVec test, TVec limit);

    /// <summary>A bit per lane, lowest lane first: set where the lane is not zero.</summary>
    static abstract uint NonZeroMask(TVec value);

    /// <summary>Lane-wise a / b.</summary>
    static abstract TVec Divide(TVec a, TVec b);

    /// <summary>The sum of all lanes, each widened to float64 first.</summary>
    static abstract double SumToDouble(TVec value);

    /// <summary>Adds the lanes, widened to float64, to <c>destination[0 .. Width)</c>.</summary>
    static abstract void AddTo(TVec value, ref double destination);

    /// <summary>Rounds a float64 to the element type.</summary>
    static abstract T FromDouble(double value);

    /// <summary>Widens an element to float64.</summary>
    static abstract double ToDouble(T value);
}
