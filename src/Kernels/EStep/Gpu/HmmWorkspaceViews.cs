using ILGPU;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// The forward-backward workspace of one batch of sequences, float64, indexed by the batch's rows t
/// (see <see cref="HmmWorkspace"/>). Each array changes meaning as the kernels run, to keep memory at
/// (2S + 2)·8 bytes per row.
/// </summary>
internal readonly struct HmmWorkspaceViews(
    ArrayView<double> emissions, ArrayView<double> alpha, ArrayView<double> scale, ArrayView<double> terms)
{
    /// <summary>
    /// <c>[T × S]</c>: the shifted emissions e_t(s) = exp(log b_s(x_t) − m_t); after the backward pass row t + 1
    /// of a sequence holds w_t(s) = e_{t+1}(s) β̂_{t+1}(s) / c_{t+1} instead (row 0 keeps e_0).
    /// </summary>
    public readonly ArrayView<double> Emissions = emissions;

    /// <summary><c>[T × S]</c>: the scaled forward values α̂_t (normalised, below 1e−300 flushed to 0).</summary>
    public readonly ArrayView<double> Alpha = alpha;

    /// <summary><c>[T]</c>: the forward normalisers c_t.</summary>
    public readonly ArrayView<double> Scale = scale;

    /// <summary><c>[T]</c>: m_t after the emission kernel, then the log-likelihood terms log c_t + m_t (−∞ at the
    /// step where a sequence turned out impossible).</summary>
    public readonly ArrayView<double> Terms = terms;
}
