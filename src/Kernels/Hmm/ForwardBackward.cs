namespace AiMass.Kernels.Hmm;

/// <summary>
/// Scaled forward-backward on one sequence (Rabiner 1989, §V.A), float64, O(T·S²) time and O(T·S) memory.
/// Emissions are shifted per step before exponentiation, e_t(s) = exp(log b_t(s) − m_t) with
/// m_t = max_s log b_t(s), so Gaussian densities far below 1e−308 cannot underflow; each forward step is
/// normalised by c_t, so log p(X) = Σ_t (log c_t + m_t) stays finite on sequences of any length.
/// </summary>
/// <remarks>
/// α̂_0(s) ∝ π_s e_0(s), α̂_t(s) ∝ e_t(s) Σ_r α̂_{t−1}(r) A_rs (each normalised, c_t its sum);
/// β̂_{T−1} = 1, β̂_t(r) = Σ_s A_rs e_{t+1}(s) β̂_{t+1}(s) / c_{t+1};
/// γ_t = α̂_t ⊙ β̂_t (renormalised per step, as hmmlearn does) and
/// ξ_t(r, s) = α̂_t(r) A_rs e_{t+1}(s) β̂_{t+1}(s) / c_{t+1}. The instance keeps its buffers between
/// sequences.
/// Two guards keep every value finite: forward values below 1e−300 after normalisation are flushed to zero, and
/// β̂_t(r) is set to zero wherever α̂_t(r) = 0. Neither changes γ or ξ (beyond 1e−300 relative): a state the
/// forward pass cannot be in at t only reaches γ and ξ through other such states, yet left unmasked its β̂ can
/// grow without bound (a structural zero that forbids the state the data favour), and γ ≤ 1 bounds every
/// unmasked β̂_t(r) by 1/α̂_t(r) ≤ 1e300.
/// </remarks>
public sealed class ForwardBackward
{
    /// <summary>Normalised forward values below this are flushed to zero (see the remarks).</summary>
    private const double Negligible = 1e-300;

    private double[] _emission = [];
    private double[] _alpha = [];
    private double[] _scale = [];
    private double[] _beta = [];
    private double[] _weighted = [];
    private int _length;
    private int _states;
    private bool _forwardDone;

    /// <summary>
    /// The posteriors γ after <see cref="Backward"/>, <c>[T × S]</c> (the scaled forward variables α̂ before it).
    /// </summary>
    public ReadOnlySpan<double> Posteriors => _alpha.AsSpan(0, _length * _states);

    /// <summary>
    /// The forward pass over <paramref name="length"/> steps from log b_t(s) (<c>[T × S]</c>); returns
    /// log p(X), or −∞ when the sequence is impossible under the model (then <see cref="Backward"/> is not allowed).
    /// </summary>
    public double Forward(HmmParameters parameters, ReadOnlySpan<double> logDensities, int length)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var s = parameters.States;
        Reserve(length, s);
        _forwardDone = false;
        var logLikelihood = 0.0;
        for (var t = 0; t < length; t++)
        {
            var shift = ShiftedEmissions(logDensities.Slice(t * s, s), _emission.AsSpan(t * s, s));
            var alpha = _alpha.AsSpan(t * s, s);
            var sum = Predict(parameters, t, alpha);
            if (!(sum > 0) || double.IsNegativeInfinity(shift))
            {
                return double.NegativeInfinity;
            }

            for (var c = 0; c < s; c++)
            {
                alpha[c] /= sum;
                if (alpha[c] < Negligible)
                {
                    alpha[c] = 0;
                }
            }

            _scale[t] = sum;
            logLikelihood += Math.Log(sum) + shift;
        }

        _forwardDone = true;
        return logLikelihood;
    }

    /// <summary>
    /// The backward pass after a successful <see cref="Forward"/>: turns α̂ into γ in place and, when
    /// <paramref name="transitionCounts"/> is not empty, adds Σ_t ξ_t(r, s) into it (<c>[S × S]</c>).
    /// </summary>
    public void Backward(HmmParameters parameters, Span<double> transitionCounts)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!_forwardDone || parameters.States != _states)
        {
            throw new InvalidOperationException("Backward needs a successful forward pass of the same model.");
        }

        var s = _states;
        var beta = _beta.AsSpan(0, s);
        var weighted = _weighted.AsSpan(0, s);
        beta.Fill(1.0);
        ProbabilityVector.Normalise(_alpha.AsSpan((_length - 1) * s, s));
        for (var t = _length - 2; t >= 0; t--)
        {
            var inverseScale = 1.0 / _scale[t + 1];
            for (var c = 0; c < s; c++)
            {
                weighted[c] = _emission[((t + 1) * s) + c] * beta[c] * inverseScale;
            }

            var alpha = _alpha.AsSpan(t * s, s);
            StepBack(parameters, alpha, weighted, beta, transitionCounts);
            for (var r = 0; r < s; r++)
            {
                alpha[r] *= beta[r];
            }

            ProbabilityVector.Normalise(alpha);
        }

        _forwardDone = false;
    }

    /// <summary>
    /// Unnormalised α̂_t (π ⊙ e_0, or (α̂_{t−1} A) ⊙ e_t) into <paramref name="alpha"/>; returns its sum c_t.
    /// </summary>
    private double Predict(HmmParameters parameters, int t, Span<double> alpha)
    {
        var s = alpha.Length;
        var emission = _emission.AsSpan(t * s, s);
        if (t == 0)
        {
            parameters.StartProbabilities.AsSpan().CopyTo(alpha);
        }
        else
        {
            Propagate(parameters, _alpha.AsSpan((t - 1) * s, s), alpha);
        }

        var sum = 0.0;
        for (var c = 0; c < s; c++)
        {
            alpha[c] *= emission[c];
            sum += alpha[c];
        }

        return sum;
    }

    /// <summary>
    /// β̂_t(r) = Σ_s A_rs w_s from w = e_{t+1} ⊙ β̂_{t+1} / c_{t+1}, masked to zero where α̂_t(r) = 0; adds
    /// ξ_t(r, s) = α̂_t(r) A_rs w_s into <paramref name="transitionCounts"/> unless it is empty.
    /// </summary>
    private static void StepBack(
        HmmParameters parameters, ReadOnlySpan<double> alpha, ReadOnlySpan<double> weighted, Span<double> beta,
        Span<double> transitionCounts)
    {
        var s = alpha.Length;
        for (var r = 0; r < s; r++)
        {
            var row = parameters.TransitionRow(r);
            var b = 0.0;
            for (var c = 0; c < s; c++)
            {
                b += row[c] * weighted[c];
            }

            if (!transitionCounts.IsEmpty && alpha[r] != 0)
            {
                var counts = transitionCounts.Slice(r * s, s);
                for (var c = 0; c < s; c++)
                {
                    counts[c] += alpha[r] * row[c] * weighted[c];
                }
            }

            beta[r] = alpha[r] == 0 ? 0 : b;
        }
    }

    /// <summary>e = exp(v − max v) into <paramref name="target"/>; returns max v.</summary>
    private static double ShiftedEmissions(ReadOnlySpan<double> logDensities, Span<double> target)
    {
        var max = double.NegativeInfinity;
        foreach (var v in logDensities)
        {
            max = Math.Max(max, v);
        }

        for (var c = 0; c < target.Length; c++)
        {
            target[c] = double.IsNegativeInfinity(max) ? 0 : Math.Exp(logDensities[c] - max);
        }

        return max;
    }

    /// <summary>next[s] = Σ_r previous[r] A[r, s], row by row for contiguous access.</summary>
    private static void Propagate(HmmParameters parameters, ReadOnlySpan<double> previous, Span<double> next)
    {
        next.Clear();
        for (var r = 0; r < previous.Length; r++)
        {
            var a = previous[r];
            if (a == 0)
            {
                continue;
            }

            var row = parameters.TransitionRow(r);
            for (var c = 0; c < next.Length; c++)
            {
                next[c] += a * row[c];
            }
        }
    }

    private void Reserve(int length, int states)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var cells = checked(length * states);
        if (_alpha.Length < cells)
        {
            _alpha = new double[cells];
            _emission = new double[cells];
        }

        if (_scale.Length < length)
        {
            _scale = new double[length];
        }

        if (_beta.Length < states)
        {
            _beta = new double[states];
            _weighted = new double[states];
        }

        _length = length;
        _states = states;
    }
}
