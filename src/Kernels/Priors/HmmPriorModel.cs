using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Priors;

/// <summary>
/// A saved HMM as the prior of a MAP-EM fit, with τ pseudo-observations: Dirichlet priors centred on its start
/// probabilities, transition rows and categorical emission rows (p_i ∝ n_i + τ·p0_i), and the
/// <see cref="GaussianPrior"/> centred on its Gaussian emissions (κ = λ = τ). Structural zeros of the fit stay zero:
/// entries whose previous value is 0 are left out and the rest renormalised.
/// </summary>
/// <param name="Model">The prior model.</param>
/// <param name="Strength">τ &gt; 0.</param>
/// <param name="Name">Where the model came from, for the model file.</param>
public sealed record HmmPriorModel(HmmParameters Model, double Strength, string Name)
{
    /// <summary>One line for the model file.</summary>
    public string Description => $"model {Name}, strength {Strength:R}";

    /// <summary>The Gaussian emissions' prior (Gaussian models only).</summary>
    public GaussianPrior Gaussian => new(
        Model.Emission.CovarianceType(), Model.States, Model.Features, Strength, Strength, [.. Model.Means],
        [.. Model.Covariances]);

    /// <summary>Throws <see cref="InvalidInputException"/> when the prior does not have the fit's shape.</summary>
    public void Validate(HmmParameters fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (!(Strength > 0) || !double.IsFinite(Strength))
        {
            throw new InvalidInputException($"--prior-strength {Strength} must be a finite number > 0.");
        }

        if (fit.Emission != Model.Emission || fit.States != Model.States || fit.Features != Model.Features
            || fit.Symbols != Model.Symbols)
        {
            throw new InvalidInputException(
                $"The --prior-model {Name} is {Describe(Model)}; the fit is {Describe(fit)}; give a prior of the " +
                "same shape.");
        }
    }

    /// <summary>π <c>[S]</c> and A <c>[S × S]</c>.</summary>
    public (double[] Start, double[] Transitions) EstimateChain(HmmStatistics stats, HmmParameters previous)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(previous);
        var s = stats.States;
        var start = new double[s];
        Dirichlet(stats.Start, Model.StartProbabilities.AsSpan(), previous.StartProbabilities.AsSpan(), true, start);
        var transitions = new double[s * s];
        for (var r = 0; r < s; r++)
        {
            Dirichlet(
                stats.Transitions.AsSpan(r * s, s), Model.TransitionRow(r), previous.TransitionRow(r), true,
                transitions.AsSpan(r * s, s));
        }

        return (start, transitions);
    }

    /// <summary>B <c>[S × M]</c> (emission zeros are not structural).</summary>
    public double[] EstimateEmissionTable(HmmStatistics stats, HmmParameters previous)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(previous);
        int s = stats.States, m = stats.Symbols;
        var table = new double[s * m];
        for (var c = 0; c < s; c++)
        {
            Dirichlet(
                stats.Counts.AsSpan(c * m, m), Model.EmissionProbabilities.AsSpan(c * m, m),
                previous.EmissionProbabilities.AsSpan(c * m, m), false, table.AsSpan(c * m, m));
        }

        return table;
    }

    /// <summary>log p(θ) up to a constant: Σ τp0 log p over start, transitions and emission rows (terms with
    /// p0 = 0 left out), plus the Gaussian emissions' <see cref="GaussianLogPrior"/>.</summary>
    public double LogPrior(HmmParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var sum = Dirichlet(Model.StartProbabilities.AsSpan(), parameters.StartProbabilities.AsSpan())
            + Dirichlet(Model.Transitions.AsSpan(), parameters.Transitions.AsSpan());
        if (parameters.Emission == HmmEmission.Categorical)
        {
            return sum + Dirichlet(Model.EmissionProbabilities.AsSpan(), parameters.EmissionProbabilities.AsSpan());
        }

        return sum + GaussianLogPrior.Of(
            Gaussian, parameters.Means.AsSpan(), parameters.Covariances.AsSpan(),
            parameters.PrecisionCholesky.AsSpan(), parameters.LogDetPrecisionCholesky.AsSpan());
    }

    private double Dirichlet(ReadOnlySpan<double> prior, ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        for (var i = 0; i < prior.Length; i++)
        {
            if (prior[i] != 0 && values[i] != 0)
            {
                sum += Strength * prior[i] * Math.Log(values[i]);
            }
        }

        return sum;
    }

    /// <summary>
    /// result_i ∝ n_i + τ·p0_i, zero where <paramref name="keepZeros"/> and previous_i = 0; the previous vector when
    /// nothing is left.
    /// </summary>
    private void Dirichlet(
        ReadOnlySpan<double> counts, ReadOnlySpan<double> prior, ReadOnlySpan<double> previous, bool keepZeros,
        Span<double> result)
    {
        var sum = 0.0;
        for (var i = 0; i < counts.Length; i++)
        {
            result[i] = keepZeros && previous[i] == 0 ? 0 : counts[i] + (Strength * prior[i]);
            sum += result[i];
        }

        if (!(sum > 0) || !double.IsFinite(sum))
        {
            previous.CopyTo(result);
            return;
        }

        for (var i = 0; i < counts.Length; i++)
        {
            result[i] /= sum;
        }
    }

    private static string Describe(HmmParameters p) => p.Emission == HmmEmission.Categorical
        ? $"S={p.States} categorical M={p.Symbols}"
        : $"S={p.States} gaussian {p.Emission.CovarianceType().Name()} D={p.Features}";
}
