using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// Turns the kernels' padded statistics of ẑ = x' − ĉ_k into <see cref="GaussianMixtureStatistics"/> about the
/// exact shifts c'_k = c_k − m_p, in float64. With δ_k = ĉ_k − c'_k (x' − c'_k = ẑ + δ_k):
/// S1 = Ŝ1 + N δ; full S2 = Ŝ2 + δŜ1ᵀ + Ŝ1δᵀ + N δδᵀ (lower triangle, mirrored); diag S2 = Ŝ2 + 2δ⊙Ŝ1 + N δ²;
/// tied S2 = Ŝ2 + δ S_wᵀ + S_w δᵀ + W δδᵀ with S_w = Σ w ẑ and W = Σ w. Differences x − c are invariant under
/// the common translation m_p, so these are the statistics of the original rows.
/// </summary>
internal static class StatisticsAssembler
{
    /// <summary>The partition's statistics from the merged block total.</summary>
    public static GaussianMixtureStatistics Assemble<T>(BlockStatistics total, PreparedMixture<T> model, long rows)
        where T : unmanaged
    {
        var layout = model.Layout;
        int k = layout.Components, d = layout.Features, dp = layout.PaddedFeatures;
        var delta = model.Delta;
        var n = (double[])total.N.Clone();
        var s1 = new double[k * d];
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < d; j++)
            {
                s1[(c * d) + j] = total.S1[(c * dp) + j] + (n[c] * delta[(c * d) + j]);
            }
        }

        var s2 = new double[GaussianMixtureStatistics.SecondMomentLength(layout.Type, k, d)];
        switch (layout.Type)
        {
            case CovarianceType.Full:
                for (var c = 0; c < k; c++)
                {
                    Scatter(total.S2.AsSpan(c * dp * dp), total.S1.AsSpan(c * dp), n[c], delta.AsSpan(c * d, d),
                        s2.AsSpan(c * d * d, d * d), dp);
                }

                break;
            case CovarianceType.Tied:
                Scatter(total.S2, total.WeightedSum, total.Weight, delta.AsSpan(0, d), s2, dp);
                break;
            default:
                for (var c = 0; c < k; c++)
                {
                    for (var j = 0; j < d; j++)
                    {
                        var dj = delta[(c * d) + j];
                        var first = total.S1[(c * dp) + j];
                        s2[(c * d) + j] = total.S2[(c * dp) + j] + (2 * dj * first) + (n[c] * dj * dj);
                    }
                }

                break;
        }

        return new GaussianMixtureStatistics(
            layout.Type, k, d, n, s1, s2, LogLikelihood(total, model), total.Weight, rows);
    }

    /// <summary>
    /// Σ w log p with the biases' rounding taken back: the kernels' sum used T(b_k) for b_k, and ∂ log p_i/∂b_k is
    /// the responsibility r_ik, so adding Σ_k N_k (b_k − T(b_k)) removes that error to first order (the rest is
    /// O(δb²), below float64 resolution). The rounding is the same for every row, so without this it would not
    /// average out over rows: it is most of float32's error in the mean log-likelihood.
    /// </summary>
    private static double LogLikelihood<T>(BlockStatistics total, PreparedMixture<T> model)
        where T : unmanaged
    {
        var correction = 0.0;
        for (var c = 0; c < model.BiasError.Length; c++)
        {
            correction += total.N[c] * model.BiasError[c];
        }

        return total.LogLikelihood + correction;
    }

    /// <summary>S = Ŝ + δŝᵀ + ŝδᵀ + m δδᵀ from the lower triangle of Ŝ (row stride <paramref name="stride"/>),
    /// written symmetric into <paramref name="target"/> <c>[D × D]</c>.</summary>
    private static void Scatter(
        ReadOnlySpan<double> scatter, ReadOnlySpan<double> first, double mass, ReadOnlySpan<double> delta,
        Span<double> target, int stride)
    {
        var d = delta.Length;
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var value = scatter[(i * stride) + j] + (delta[i] * first[j]) + (first[i] * delta[j])
                    + (mass * delta[i] * delta[j]);
                target[(i * d) + j] = value;
                target[(j * d) + i] = value;
            }
        }
    }
}
