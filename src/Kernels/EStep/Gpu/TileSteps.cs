using ILGPU;
using ILGPU.Algorithms;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// Device code shared by every Gaussian tile kernel: load a row tile into shared memory, turn log-probabilities
/// into responsibilities, and add the tile's log-likelihood. Each step loops over its work items with stride
/// <c>Group.DimX</c>, so it is correct for any group size; callers put a <c>Group.Barrier()</c> between steps.
/// </summary>
internal static class TileSteps
{
    /// <summary>
    /// Copies rows <c>[tile·T, tile·T + T)</c> of the chunk into <c>xs</c> (zero past the chunk's end and in the
    /// padding columns) and their weights into <c>ws</c> (zero past the end, so padding rows add nothing).
    /// Consecutive threads read consecutive values: coalesced.
    /// </summary>
    public static void LoadTile(GaussianTileArguments a, ArrayView<float> shared, int tile)
    {
        int t = a.TileRows, stride = a.RowStride, d = a.Features, first = tile * t;
        for (var e = Group.IdxX; e < t * stride; e += Group.DimX)
        {
            var i = e / stride;
            var j = e - (i * stride);
            var row = first + i;
            shared[e] = row < a.RowCount && j < d ? a.Rows[(row * d) + j] : 0f;
        }

        for (var i = Group.IdxX; i < t; i += Group.DimX)
        {
            var row = first + i;
            shared[a.WeightsOffset + i] = row < a.RowCount ? a.Weights[row] : 0f;
        }
    }

    /// <summary>
    /// Per row i: m = max_k lp_ik, s = Σ_k exp(lp_ik − m) (log-sum-exp: exp underflows for D ≳ 40 otherwise),
    /// ρ_ik = w_i exp(lp_ik − m) / s written over lp, and ll_i = w_i (m + log s). Rows with w = 0 give ρ = 0.
    /// </summary>
    public static void ComputeResponsibilities(GaussianTileArguments a, ArrayView<float> shared)
    {
        int t = a.TileRows, k = a.Components, lp = a.LogProbabilityOffset;
        for (var i = Group.IdxX; i < t; i += Group.DimX)
        {
            var max = float.NegativeInfinity;
            for (var c = 0; c < k; c++)
            {
                var v = shared[lp + (c * t) + i];
                max = v > max ? v : max;
            }

            var sum = 0f;
            for (var c = 0; c < k; c++)
            {
                var e = XMath.Exp(shared[lp + (c * t) + i] - max);
                shared[lp + (c * t) + i] = e;
                sum += e;
            }

            var w = shared[a.WeightsOffset + i];
            var scale = w / sum;
            for (var c = 0; c < k; c++)
            {
                shared[lp + (c * t) + i] *= scale;
            }

            shared[a.RowLikelihoodOffset + i] = w > 0f ? w * (max + XMath.Log(sum)) : 0f;
        }
    }

    /// <summary>Adds Σ_i ll_i of the tile, summed in row order in float64, to the block's LL partial.</summary>
    public static void AddTileLikelihood(GaussianTileArguments a, ArrayView<float> shared, int partialBase)
    {
        var sum = 0.0;
        for (var i = 0; i < a.TileRows; i++)
        {
            sum += shared[a.RowLikelihoodOffset + i];
        }

        a.Partials[partialBase + a.LikelihoodOffset] += sum;
    }

    /// <summary>Adds <paramref name="value"/> to <c>partials[index]</c> in float64 if <paramref name="valid"/>.
    /// </summary>
    public static void AddIf(ArrayView<double> partials, int index, float value, bool valid)
    {
        if (valid)
        {
            partials[index] += value;
        }
    }

    /// <summary>Adds the four values of <paramref name="q"/> to <c>partials[index + j·step]</c> for j with
    /// <c>first + j &lt; limit</c> (skips padding columns).</summary>
    public static void AddQuad(ArrayView<double> partials, int index, int step, int first, int limit, Quad q)
    {
        AddIf(partials, index, q.X, first < limit);
        AddIf(partials, index + step, q.Y, first + 1 < limit);
        AddIf(partials, index + (2 * step), q.Z, first + 2 < limit);
        AddIf(partials, index + (3 * step), q.W, first + 3 < limit);
    }
}
