using ILGPU;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// First and second moments of a tile for full and tied covariances, written as matrix products so they run
/// as register-blocked micro-GEMMs: <c>N_k += Σ_i ρ_ik</c>, <c>S1_k += Σ_i ρ_ik (x̃_i − c̃_k)</c> and
/// <c>S2_k += D_kᵀ diag(ρ_k) D_k</c> with <c>D_k = X̃_tile − 1 c̃_kᵀ</c> (<c>[D_p × T] · [T × D_p]</c>);
/// tied: one <c>S2 += Dᵀ diag(w) D</c>. Tile sums are float32 over T rows, then added to the block's float64
/// partials; each partial entry has exactly one owner thread, so the order of additions is fixed.
/// </summary>
internal static class ScatterSteps
{
    /// <summary>N_k and S1_k of the tile; one item per (component, 4 features).</summary>
    public static void AddFirstMoments(GaussianTileArguments a, ArrayView<float> shared, int partialBase)
    {
        int t = a.TileRows, dp = a.PaddedFeatures, stride = a.RowStride, quads = dp / 4;
        for (var e = Group.IdxX; e < a.Components * quads; e += Group.DimX)
        {
            var k = e / quads;
            var f0 = (e - (k * quads)) * 4;
            var rho0 = a.LogProbabilityOffset + (k * t);
            var c = Quad.Load(a.Shifts, (k * dp) + f0);
            Quad s = default;
            var n = 0f;
            for (var i = 0; i < t; i++)
            {
                var rho = shared[rho0 + i];
                s = Quad.MulAdd(s, rho, Quad.Subtract(Quad.Load(shared, (i * stride) + f0), c));
                n += rho;
            }

            var s1 = partialBase + a.FirstMomentOffset + (k * a.Features) + f0;
            TileSteps.AddQuad(a.Partials, s1, 1, f0, a.Features, s);
            TileSteps.AddIf(a.Partials, partialBase + k, n, f0 == 0);
        }
    }

    /// <summary>S2_k for every component; one item per (component, 4×4 block on or below the diagonal).</summary>
    public static void AddFullScatter(GaussianTileArguments a, ArrayView<float> shared, int partialBase)
    {
        int quads = a.PaddedFeatures / 4, pairs = quads * (quads + 1) / 2, d = a.Features;
        for (var e = Group.IdxX; e < a.Components * pairs; e += Group.DimX)
        {
            var k = e / pairs;
            var output = partialBase + a.SecondMomentOffset + (k * d * d);
            AddScatterBlock(a, shared, a.LogProbabilityOffset + (k * a.TileRows), k * a.PaddedFeatures,
                e - (k * pairs), output);
        }
    }

    /// <summary>The shared S2 of tied covariances, weighted by w (not ρ); one item per 4×4 block.</summary>
    public static void AddTiedScatter(GaussianTileArguments a, ArrayView<float> shared, int partialBase)
    {
        int quads = a.PaddedFeatures / 4, pairs = quads * (quads + 1) / 2;
        for (var e = Group.IdxX; e < pairs; e += Group.DimX)
        {
            AddScatterBlock(a, shared, a.WeightsOffset, 0, e, partialBase + a.SecondMomentOffset);
        }
    }

    /// <summary>
    /// Block <paramref name="pair"/> (row block ≥ column block, enumerated row by row) of
    /// Σ_i v_i (x̃_i − c̃)(x̃_i − c̃)ᵀ with v read from shared <paramref name="weightOffset"/>; writes entries
    /// (a, b) with b ≤ a only (the host mirrors the upper triangle).
    /// </summary>
    private static void AddScatterBlock(
        GaussianTileArguments a, ArrayView<float> shared, int weightOffset, int shiftOffset, int pair, int output)
    {
        var rowBlock = 0;
        while (pair > rowBlock)
        {
            pair -= rowBlock + 1;
            rowBlock++;
        }

        int fa = rowBlock * 4, fb = pair * 4, stride = a.RowStride, d = a.Features;
        var ca = Quad.Load(a.Shifts, shiftOffset + fa);
        var cb = Quad.Load(a.Shifts, shiftOffset + fb);
        Quad s0 = default, s1 = default, s2 = default, s3 = default;
        for (var i = 0; i < a.TileRows; i++)
        {
            var da = Quad.Scale(shared[weightOffset + i], Quad.Subtract(Quad.Load(shared, (i * stride) + fa), ca));
            var db = Quad.Subtract(Quad.Load(shared, (i * stride) + fb), cb);
            s0 = Quad.MulAdd(s0, da.X, db);
            s1 = Quad.MulAdd(s1, da.Y, db);
            s2 = Quad.MulAdd(s2, da.Z, db);
            s3 = Quad.MulAdd(s3, da.W, db);
        }

        AddLowerRow(a.Partials, output, d, fa, fb, s0);
        AddLowerRow(a.Partials, output, d, fa + 1, fb, s1);
        AddLowerRow(a.Partials, output, d, fa + 2, fb, s2);
        AddLowerRow(a.Partials, output, d, fa + 3, fb, s3);
    }

    /// <summary>Adds row <paramref name="fa"/>, columns fb..fb+3 restricted to b ≤ fa and b &lt; D.</summary>
    private static void AddLowerRow(ArrayView<double> partials, int output, int d, int fa, int fb, Quad row)
    {
        if (fa < d)
        {
            TileSteps.AddQuad(partials, output + (fa * d) + fb, 1, fb, fa + 1 < d ? fa + 1 : d, row);
        }
    }
}
