namespace AiMass.Kernels.Hmm;

/// <summary>
/// Draws sequences from an HMM (hmmlearn <c>sample</c>): z_0 ~ π, z_t ~ A[z_{t−1}, :], x_t ~ b_{z_t}. Gaussian
/// draws use x = μ + U⁻ᵀ z with z ~ N(0, I) and the precision Cholesky U (Σ⁻¹ = U Uᵀ gives Cov(U⁻ᵀ z) = Σ);
/// normal deviates come from Box–Muller. The same seed gives the same sample.
/// </summary>
public static class HmmSampler
{
    /// <summary><paramref name="sequences"/> sequences of <paramref name="length"/> steps each.</summary>
    public static HmmSample Sample(HmmParameters parameters, int sequences, int length, int seed)
    {
        if (sequences < 1 || length < 1)
        {
            throw new InvalidInputException(
                $"Sampling needs at least one sequence of at least one step (got {sequences} × {length}).");
        }

        return Sample(parameters, Enumerable.Repeat(length, sequences).ToArray(), seed);
    }

    /// <summary>One sequence per entry of <paramref name="lengths"/>, with those lengths.</summary>
    public static HmmSample Sample(HmmParameters parameters, IReadOnlyList<int> lengths, int seed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(lengths);
        var total = HmmSequences.Check(lengths, lengths.Sum(l => (long)l), "the requested sample");
        var rows = checked((int)total.Sum(l => (long)l));
        var f = parameters.Features;
        var observations = new double[checked(rows * f)];
        var states = new int[rows];
        var random = new Random(seed);
        var normal = new NormalDeviates(random);
        var row = 0;
        foreach (var length in total)
        {
            var state = Draw(parameters.StartProbabilities.AsSpan(), random);
            for (var t = 0; t < length; t++, row++)
            {
                if (t > 0)
                {
                    state = Draw(parameters.TransitionRow(state), random);
                }

                states[row] = state;
                Emit(parameters, state, random, normal, observations.AsSpan(row * f, f));
            }
        }

        return new HmmSample(observations, f, states, total);
    }

    /// <summary>An index drawn with the probabilities <paramref name="p"/> (zero entries are never drawn).</summary>
    private static int Draw(ReadOnlySpan<double> p, Random random)
    {
        var u = random.NextDouble();
        var running = 0.0;
        var last = 0;
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] <= 0)
            {
                continue;
            }

            last = i;
            running += p[i];
            if (u < running)
            {
                return i;
            }
        }

        return last; // rounding left u above the last partial sum
    }

    private static void Emit(
        HmmParameters parameters, int state, Random random, NormalDeviates normal, Span<double> x)
    {
        if (parameters.Emission == HmmEmission.Categorical)
        {
            var m = parameters.Symbols;
            x[0] = Draw(parameters.EmissionProbabilities.AsSpan(state * m, m), random);
            return;
        }

        var d = parameters.Features;
        var mean = parameters.Mean(state);
        if (parameters.Emission == HmmEmission.GaussianDiag)
        {
            var precision = parameters.PrecisionCholesky.AsSpan(state * d, d);
            for (var j = 0; j < d; j++)
            {
                x[j] = mean[j] + (normal.Next() / precision[j]);
            }

            return;
        }

        // Solve Uᵀ y = z by forward substitution (Uᵀ is lower triangular; U is row-major upper).
        var u = parameters.PrecisionCholesky.AsSpan(state * d * d, d * d);
        for (var i = 0; i < d; i++)
        {
            var sum = normal.Next();
            for (var k = 0; k < i; k++)
            {
                sum -= u[(k * d) + i] * x[k];
            }

            x[i] = sum / u[(i * d) + i];
        }

        for (var j = 0; j < d; j++)
        {
            x[j] += mean[j];
        }
    }

    /// <summary>Standard normal deviates by the Box–Muller transform, two per pair of uniforms.</summary>
    private sealed class NormalDeviates(Random random)
    {
        private double _spare;
        private bool _hasSpare;

        public double Next()
        {
            if (_hasSpare)
            {
                _hasSpare = false;
                return _spare;
            }

            var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
            var angle = 2.0 * Math.PI * random.NextDouble();
            _spare = radius * Math.Sin(angle);
            _hasSpare = true;
            return radius * Math.Cos(angle);
        }
    }
}
