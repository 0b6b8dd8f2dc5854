using AiMass.Kernels.Linalg;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Hmm;

/// <summary>Shape and value checks of <see cref="HmmParameters"/>, with messages that name the bad value.</summary>
internal static class HmmParameterChecks
{
    /// <summary>Checks π <c>[S]</c> and A <c>[S × S]</c>; returns S.</summary>
    public static int StartAndTransitions(double[] start, double[] transitions)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(transitions);
        var s = start.Length;
        if (s < 1)
        {
            throw new InvalidInputException("startprob is empty; an HMM needs at least one state.");
        }

        if (transitions.Length != s * s)
        {
            throw new InvalidInputException(
                $"transmat has {transitions.Length} values; S={s} states need an S×S matrix of {s * s}.");
        }

        Distribution(start, "startprob");
        for (var r = 0; r < s; r++)
        {
            Distribution(transitions.AsSpan(r * s, s), $"transmat[{r}]");
        }

        return s;
    }

    /// <summary>Values finite and ≥ 0, adding up to 1 within <see cref="HmmParameters.SumTolerance"/>.</summary>
    public static void Distribution(ReadOnlySpan<double> p, string name)
    {
        var sum = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            if (!(p[i] >= 0) || !double.IsFinite(p[i]))
            {
                throw new InvalidInputException($"{name}[{i}] is {p[i]}; probabilities must be finite and ≥ 0.");
            }

            sum += p[i];
        }

        if (Math.Abs(sum - 1.0) > HmmParameters.SumTolerance)
        {
            throw new InvalidInputException($"{name} adds up to {sum:G10}, not 1; normalise it.");
        }
    }

    /// <summary>Means <c>[S × D]</c> finite; covariances of the right length.</summary>
    public static void GaussianShapes(CovarianceType type, int s, int d, double[] means, double[] covariances)
    {
        if (d < 1)
        {
            throw new InvalidInputException($"A Gaussian HMM needs at least one feature (D={d}).");
        }

        if (means.Length != s * d)
        {
            throw new InvalidInputException(
                $"means has {means.Length} values; S={s} states × D={d} features need {s * d}.");
        }

        var expected = type.CovarianceLength(s, d);
        if (covariances.Length != expected)
        {
            throw new InvalidInputException(
                $"{type.Name()} covariances have {covariances.Length} values; S={s}, D={d} need {expected}.");
        }

        for (var i = 0; i < means.Length; i++)
        {
            if (!double.IsFinite(means[i]))
            {
                throw new InvalidInputException($"means[{i / d}][{i % d}] is {means[i]}; means must be finite.");
            }
        }
    }

    /// <summary>A copy of the full covariances <c>[S × D × D]</c> with both triangles set to their average.</summary>
    public static double[] Symmetrized(double[] covariances, int s, int d)
    {
        var result = (double[])covariances.Clone();
        for (var c = 0; c < s; c++)
        {
            var block = result.AsSpan(c * d * d, d * d);
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    block[(i * d) + j] = block[(j * d) + i] = 0.5 * (block[(i * d) + j] + block[(j * d) + i]);
                }
            }
        }

        return result;
    }

    /// <summary>Fills the precision Cholesky factors and returns Σ log diag(U_s) per state.</summary>
    public static double[] PrecisionCholesky(
        CovarianceType type, int s, int d, double[] covariances, double[] precision)
    {
        var logDet = new double[s];
        if (type == CovarianceType.Full)
        {
            var block = d * d;
            for (var c = 0; c < s; c++)
            {
                logDet[c] = SymmetricFactor.TryPrecisionCholesky(
                        covariances.AsSpan(c * block, block), d, precision.AsSpan(c * block, block))
                    ?? throw NotPositiveDefinite(c);
            }

            return logDet;
        }

        for (var i = 0; i < covariances.Length; i++)
        {
            if (!(covariances[i] > 0) || !double.IsFinite(covariances[i]))
            {
                throw NotPositiveDefinite(i / d);
            }

            precision[i] = 1.0 / Math.Sqrt(covariances[i]);
            logDet[i / d] += Math.Log(precision[i]);
        }

        return logDet;
    }

    private static DegenerateComponentException NotPositiveDefinite(int state) =>
        new(state, $"The covariance of state {state} is not positive definite.");
}
