namespace AiMass.Kernels.Linalg;

/// <summary>Rank-one accumulation into a dense square matrix, float64: the reference E-steps' second moments.</summary>
internal static class OuterProduct
{
    /// <summary>
    /// target += scale · v vᵀ, with <paramref name="target"/> <c>[D × D]</c> row-major and <paramref name="v"/>
    /// <c>[D]</c>; every entry is written (both triangles).
    /// </summary>
    public static void AddScaled(Span<double> target, double scale, ReadOnlySpan<double> v)
    {
        var d = v.Length;
        for (var i = 0; i < d; i++)
        {
            var si = scale * v[i];
            for (var j = 0; j < d; j++)
            {
                target[(i * d) + j] += si * v[j];
            }
        }
    }
}
