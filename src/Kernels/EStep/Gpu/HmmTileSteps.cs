using ILGPU;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// Device code shared by the HMM tile kernels: load a tile, and turn α̂ and w into the posteriors γ exactly as
/// <see cref="Hmm.ForwardBackward"/> does (β̂_t = A w_t masked where α̂_t = 0, γ_t = α̂_t ⊙ β̂_t renormalised;
/// β̂ = 1 at a sequence's last step). Each step loops over its items with stride <c>Group.DimX</c>, so it is
/// correct for any group size; callers put a <c>Group.Barrier()</c> between steps.
/// </summary>
internal static class HmmTileSteps
{
    /// <summary>Step flag: the first step of a sequence.</summary>
    public const int First = 1;

    /// <summary>Step flag: the last step of a sequence.</summary>
    public const int Last = 2;

    /// <summary>Flag value of a padding row past the batch's end.</summary>
    public const int Padding = -1;

    /// <summary>Copies rows <c>[tile·R, tile·R + R)</c> into <c>xs [R × D]</c> as float64, zero past the end.
    /// Consecutive threads read consecutive values: coalesced.</summary>
    public static void LoadRows(HmmTileArguments a, ArrayView<double> shared, int tile)
    {
        int d = a.Shape.Features, r = a.Shape.TileRows, first = tile * r;
        for (var e = Group.IdxX; e < r * d; e += Group.DimX)
        {
            var row = first + (e / d);
            shared[e] = row < a.RowCount ? a.Rows[(first * d) + e] : 0.0;
        }
    }

    /// <summary>
    /// <see cref="LoadRows"/>, and per (row, state) α̂ and w (w_t is row t + 1 of the workspace's emissions
    /// after the backward pass; 0 at a last step and past the end), and the step flags.
    /// </summary>
    public static void LoadTile(HmmTileArguments a, ArrayView<double> shared, int tile)
    {
        LoadRows(a, shared, tile);
        int s = a.Shape.States, r = a.Shape.TileRows, first = tile * r;
        for (var e = Group.IdxX; e < r * s; e += Group.DimX)
        {
            var row = first + (e / s);
            var valid = row < a.RowCount;
            var last = valid && (a.Flags[row] & Last) != 0;
            shared[a.SecondOffset + e] = valid ? a.Work.Alpha[(first * s) + e] : 0.0;
            shared[a.WeightedOffset + e] = valid && !last ? a.Work.Emissions[((first + 1) * s) + e] : 0.0;
        }

        for (var i = Group.IdxX; i < r; i += Group.DimX)
        {
            var row = first + i;
            shared[a.RowValuesOffset + i] = row < a.RowCount ? a.Flags[row] : Padding;
        }
    }

    /// <summary>Unnormalised γ_t(r) = α̂_t(r) β̂_t(r) with β̂_t(r) = Σ_c A[r, c] w_t(c) (1 at a last step), 0 where
    /// α̂_t(r) = 0 or past the end.</summary>
    public static void ComputePosteriors(HmmTileArguments a, ArrayView<double> shared)
    {
        int s = a.Shape.States;
        for (var e = Group.IdxX; e < a.Shape.TileRows * s; e += Group.DimX)
        {
            var i = e / s;
            var r = e - (i * s);
            var flags = (int)shared[a.RowValuesOffset + i];
            var alpha = shared[a.SecondOffset + e];
            var gamma = 0.0;
            if (flags != Padding && alpha != 0.0)
            {
                var beta = 1.0;
                if ((flags & Last) == 0)
                {
                    beta = 0.0;
                    for (var c = 0; c < s; c++)
                    {
                        beta += a.Model.Transitions[(r * s) + c] * shared[a.WeightedOffset + (i * s) + c];
                    }
                }

                gamma = alpha * beta;
            }

            shared[a.GammaOffset + e] = gamma;
        }
    }

    /// <summary>γ_t /= Σ_r γ_t(r) per row, the sum in state order (as the reference's Normalise).</summary>
    public static void NormalisePosteriors(HmmTileArguments a, ArrayView<double> shared)
    {
        int s = a.Shape.States;
        for (var i = Group.IdxX; i < a.Shape.TileRows; i += Group.DimX)
        {
            if ((int)shared[a.RowValuesOffset + i] == Padding)
            {
                continue;
            }

            var gamma = a.GammaOffset + (i * s);
            var sum = 0.0;
            for (var r = 0; r < s; r++)
            {
                sum += shared[gamma + r];
            }

            for (var r = 0; r < s; r++)
            {
                shared[gamma + r] /= sum;
            }
        }
    }

    /// <summary>The symbol of a centred categorical row value x̃: ⌊x̃ + m_p + ½⌋ (exact for the partitions
    /// <see cref="CategoricalSymbolIndex"/> accepts).</summary>
    public static int Symbol(HmmTileArguments a, double centred) =>
        (int)DeviceMath.Floor(centred + a.SymbolOffset + 0.5);
}
