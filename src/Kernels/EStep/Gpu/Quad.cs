using ILGPU;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// Four float32 values held in registers: one row of a 4×4 register block in the kernels' micro-GEMMs.
/// A value type with static helpers only, so ILGPU lowers it to four scalar registers.
/// </summary>
internal readonly struct Quad(float x, float y, float z, float w)
{
    /// <summary>Element 0.</summary>
    public readonly float X = x;

    /// <summary>Element 1.</summary>
    public readonly float Y = y;

    /// <summary>Element 2.</summary>
    public readonly float Z = z;

    /// <summary>Element 3.</summary>
    public readonly float W = w;

    /// <summary>Reads <c>view[i .. i+3]</c> through one base address (constant offsets: fewer integer ops on a
    /// GPU).</summary>
    public static Quad Load(ArrayView<float> view, int i)
    {
        var v = view.SubView(i, 4);
        return new(v[0], v[1], v[2], v[3]);
    }

    /// <summary>Element-wise difference.</summary>
    public static Quad Subtract(Quad a, Quad b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z, a.W - b.W);

    /// <summary>Scalar times a quad.</summary>
    public static Quad Scale(float s, Quad a) => new(s * a.X, s * a.Y, s * a.Z, s * a.W);

    /// <summary><c>acc + s·b</c>, element-wise (four fused multiply-adds on a GPU).</summary>
    public static Quad MulAdd(Quad acc, float s, Quad b) =>
        new(acc.X + (s * b.X), acc.Y + (s * b.Y), acc.Z + (s * b.Z), acc.W + (s * b.W));

    /// <summary><c>acc + a ⊙ b</c>, element-wise.</summary>
    public static Quad MulAdd(Quad acc, Quad a, Quad b) =>
        new(acc.X + (a.X * b.X), acc.Y + (a.Y * b.Y), acc.Z + (a.Z * b.Z), acc.W + (a.W * b.W));

    /// <summary>X² + Y² + Z² + W².</summary>
    public static float SumOfSquares(Quad a) => (a.X * a.X) + (a.Y * a.Y) + (a.Z * a.Z) + (a.W * a.W);
}
