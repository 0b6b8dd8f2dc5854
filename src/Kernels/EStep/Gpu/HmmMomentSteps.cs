using ILGPU;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// Adds one tile's statistics to a group's float64 partials, from γ, α̂, w and x̃ in shared memory (see
/// <see cref="HmmTileArguments"/>): Start_s = Σ_{first steps} γ, Posterior_s = Σ γ, Z_rc = Σ_t α̂_t(r) w_t(c)
/// (so Σ_t ξ_t(r, c) = A_rc Z_rc: w is 0 at last steps), S1_sj = Σ γ_s d_sj, S2 with d_s = x̃ − μ̃_s (the
/// reference's shift c_s = μ_s, frame-independent), symbol counts, and Σ log-likelihood terms. Each item owns
/// its output entries and sums the tile's rows in row order, then adds once.
/// </summary>
internal static class HmmMomentSteps
{
    /// <summary>Z_rc (one item per entry), Start and Posterior (one item per state) and, on the last thread, the
    /// tile's log-likelihood terms.</summary>
    public static void AddExpectedCounts(HmmTileArguments a, ArrayView<double> shared, int partialBase, int tile)
    {
        int s = a.Shape.States, r = a.Shape.TileRows;
        for (var e = Group.IdxX; e < s * s; e += Group.DimX)
        {
            var from = e / s;
            var to = e - (from * s);
            var z = 0.0;
            for (var i = 0; i < r; i++)
            {
                z += shared[a.SecondOffset + (i * s) + from] * shared[a.WeightedOffset + (i * s) + to];
            }

            a.Partials[partialBase + a.Shape.PairOffset + e] += z;
        }

        for (var c = Group.IdxX; c < s; c += Group.DimX)
        {
            double posterior = 0.0, start = 0.0;
            for (var i = 0; i < r; i++)
            {
                var g = shared[a.GammaOffset + (i * s) + c];
                posterior += g;
                var flags = (int)shared[a.RowValuesOffset + i];
                start += flags != HmmTileSteps.Padding && (flags & HmmTileSteps.First) != 0 ? g : 0.0;
            }

            a.Partials[partialBase + a.Shape.PosteriorOffset + c] += posterior;
            a.Partials[partialBase + c] += start;
        }

        if (Group.IdxX == Group.DimX - 1)
        {
            var sum = 0.0;
            for (var i = 0; i < r && (tile * r) + i < a.RowCount; i++)
            {
                sum += a.Work.Terms[(tile * r) + i];
            }

            a.Partials[partialBase + a.Shape.LikelihoodOffset] += sum;
        }
    }

    /// <summary>S1_sj and the diagonal S2_sj = Σ γ d_sj²; one item per (state, feature).</summary>
    public static void AddDiagonalMoments(HmmTileArguments a, ArrayView<double> shared, int partialBase)
    {
        int s = a.Shape.States, d = a.Shape.Features;
        for (var e = Group.IdxX; e < s * d; e += Group.DimX)
        {
            var c = e / d;
            var j = e - (c * d);
            var mean = a.Model.Means[e];
            double s1 = 0.0, s2 = 0.0;
            for (var i = 0; i < a.Shape.TileRows; i++)
            {
                var weighted = shared[a.GammaOffset + (i * s) + c] * (shared[(i * d) + j] - mean);
                s1 += weighted;
                s2 += weighted * (shared[(i * d) + j] - mean);
            }

            a.Partials[partialBase + a.Shape.FirstMomentOffset + e] += s1;
            a.Partials[partialBase + a.Shape.SecondMomentOffset + e] += s2;
        }
    }

    /// <summary>S1_sj; one item per (state, feature).</summary>
    public static void AddFirstMoments(HmmTileArguments a, ArrayView<double> shared, int partialBase)
    {
        int s = a.Shape.States, d = a.Shape.Features;
        for (var e = Group.IdxX; e < s * d; e += Group.DimX)
        {
            var c = e / d;
            var j = e - (c * d);
            var mean = a.Model.Means[e];
            var s1 = 0.0;
            for (var i = 0; i < a.Shape.TileRows; i++)
            {
                s1 += shared[a.GammaOffset + (i * s) + c] * (shared[(i * d) + j] - mean);
            }

            a.Partials[partialBase + a.Shape.FirstMomentOffset + e] += s1;
        }
    }

    /// <summary>S2_s[p, q] = Σ (γ d_p) d_q for q ≤ p (the host mirrors the upper triangle); one item per
    /// (state, lower-triangle entry), entries enumerated row by row.</summary>
    public static void AddFullScatter(HmmTileArguments a, ArrayView<double> shared, int partialBase)
    {
        int s = a.Shape.States, d = a.Shape.Features, entries = d * (d + 1) / 2;
        for (var e = Group.IdxX; e < s * entries; e += Group.DimX)
        {
            var c = e / entries;
            var q = e - (c * entries);
            var p = 0;
            while (q > p)
            {
                q -= p + 1;
                p++;
            }

            double meanP = a.Model.Means[(c * d) + p], meanQ = a.Model.Means[(c * d) + q], sum = 0.0;
            for (var i = 0; i < a.Shape.TileRows; i++)
            {
                var weighted = shared[a.GammaOffset + (i * s) + c] * (shared[(i * d) + p] - meanP);
                sum += weighted * (shared[(i * d) + q] - meanQ);
            }

            a.Partials[partialBase + a.Shape.SecondMomentOffset + (c * d * d) + (p * d) + q] += sum;
        }
    }

    /// <summary>Counts_sm = Σ_{t: x_t = m} γ_t(s); one item per state, walking the tile's rows in order.</summary>
    public static void AddSymbolCounts(HmmTileArguments a, ArrayView<double> shared, int partialBase)
    {
        int s = a.Shape.States, m = a.Shape.Symbols;
        for (var c = Group.IdxX; c < s; c += Group.DimX)
        {
            for (var i = 0; i < a.Shape.TileRows; i++)
            {
                var symbol = HmmTileSteps.Symbol(a, shared[i]);
                if ((int)shared[a.RowValuesOffset + i] != HmmTileSteps.Padding && symbol >= 0 && symbol < m)
                {
                    a.Partials[partialBase + a.Shape.CountsOffset + (c * m) + symbol] +=
                        shared[a.GammaOffset + (i * s) + c];
                }
            }
        }
    }
}
