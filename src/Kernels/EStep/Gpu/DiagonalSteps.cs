using ILGPU;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// Tile steps for diagonal and spherical covariances (spherical arrives with 1/σ_k repeated over the D
/// features, so both share this code): <c>lp_ik = C'_k − ½ Σ_j ((x̃_ij − μ̃_kj) / σ_kj)²</c>, and the moments
/// <c>N_k</c>, <c>S1_kj = Σ_i ρ_ik d_ij</c>, <c>S2_kj = Σ_i ρ_ik d_ij²</c> with <c>d = x̃ − c̃_k</c>.
/// </summary>
/// <remarks>Work is O(T·K·D) per tile, memory-bound rather than FLOP-bound; items are (component, 4 rows) for
/// the densities and (component, 4 features) for the moments, so registers hold 4×4 blocks as in the full
/// kernels.</remarks>
internal static class DiagonalSteps
{
    /// <summary>Fills <c>lp [K × T]</c> in shared memory from the tile in <c>xs</c>.</summary>
    public static void ComputeLogDensities(GaussianTileArguments a, ArrayView<float> shared)
    {
        int t = a.TileRows, blocks = t / 4, stride = a.RowStride, dp = a.PaddedFeatures;
        for (var e = Group.IdxX; e < a.Components * blocks; e += Group.DimX)
        {
            var k = e / blocks;
            var r0 = (e - (k * blocks)) * 4;
            var x0 = r0 * stride;
            Quad q = default;
            for (var l = 0; l < a.Features; l++)
            {
                var mu = a.Means[(k * dp) + l];
                var p = a.Precision[(k * a.PrecisionStride) + l];
                var x = new Quad(
                    shared[x0 + l], shared[x0 + stride + l], shared[x0 + (2 * stride) + l],
                    shared[x0 + (3 * stride) + l]);
                var y = Quad.Scale(p, Quad.Subtract(x, new Quad(mu, mu, mu, mu)));
                q = Quad.MulAdd(q, y, y);
            }

            var c = a.Constants[k];
            var o = a.LogProbabilityOffset + (k * t) + r0;
            shared[o] = c - (0.5f * q.X);
            shared[o + 1] = c - (0.5f * q.Y);
            shared[o + 2] = c - (0.5f * q.Z);
            shared[o + 3] = c - (0.5f * q.W);
        }
    }

    /// <summary>N_k, S1_k and the per-feature S2_k of the tile; one item per (component, 4 features).</summary>
    public static void AddMoments(GaussianTileArguments a, ArrayView<float> shared, int partialBase)
    {
        int t = a.TileRows, dp = a.PaddedFeatures, stride = a.RowStride, quads = dp / 4, d = a.Features;
        for (var e = Group.IdxX; e < a.Components * quads; e += Group.DimX)
        {
            var k = e / quads;
            var f0 = (e - (k * quads)) * 4;
            var rho0 = a.LogProbabilityOffset + (k * t);
            var c = Quad.Load(a.Shifts, (k * dp) + f0);
            Quad s1 = default, s2 = default;
            var n = 0f;
            for (var i = 0; i < t; i++)
            {
                var rho = shared[rho0 + i];
                var diff = Quad.Subtract(Quad.Load(shared, (i * stride) + f0), c);
                var weighted = Quad.Scale(rho, diff);
                s1 = Quad.MulAdd(s1, 1f, weighted);
                s2 = Quad.MulAdd(s2, weighted, diff);
                n += rho;
            }

            TileSteps.AddQuad(a.Partials, partialBase + a.FirstMomentOffset + (k * d) + f0, 1, f0, d, s1);
            TileSteps.AddQuad(a.Partials, partialBase + a.SecondMomentOffset + (k * d) + f0, 1, f0, d, s2);
            TileSteps.AddIf(a.Partials, partialBase + k, n, f0 == 0);
        }
    }
}
