namespace AiMass.Kernels.Init;

/// <summary>
/// Weighted k-means on a row sample: greedy k-means++ seeding (Arthur and Vassilvitskii 2007, with
/// scikit-learn's 2 + ⌊ln K⌋ local trials per centre) followed by Lloyd iterations.
/// </summary>
public static class KMeans
{
    /// <summary>
    /// K centres (<c>[K × D]</c>) chosen by k-means++ from <paramref name="sample"/>; with
    /// <paramref name="plusPlus"/> false, K distinct rows chosen uniformly instead (random-from-data).
    /// <paramref name="cancellationToken"/> is checked before every candidate centre (one pass over the sample).
    /// </summary>
    public static double[] Seed(
        RowSample sample, int k, Random random, bool plusPlus = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(random);
        return plusPlus ? PlusPlus(sample, k, random, cancellationToken) : DistinctRows(sample, k, random);
    }

    /// <summary>K rows in a random order (cycling when the sample has fewer than K rows).</summary>
    private static double[] DistinctRows(RowSample sample, int k, Random random)
    {
        var d = sample.Features;
        var centres = new double[k * d];
        var order = Enumerable.Range(0, sample.Count).ToArray();
        random.Shuffle(order);
        for (var c = 0; c < k; c++)
        {
            sample.Row(order[c % order.Length]).CopyTo(centres.AsSpan(c * d, d));
        }

        return centres;
    }

    /// <summary>
    /// Greedy k-means++: the first centre drawn ∝ w, each next one the best of 2 + ⌊ln K⌋ candidates drawn
    /// ∝ w·D², D the distance to the closest centre so far.
    /// </summary>
    private static double[] PlusPlus(RowSample sample, int k, Random random, CancellationToken cancellationToken)
    {
        var d = sample.Features;
        var centres = new double[k * d];
        var closest = new double[sample.Count];
        var first = PickProportional(sample.Weights, random);
        sample.Row(first).CopyTo(centres.AsSpan(0, d));
        for (var i = 0; i < sample.Count; i++)
        {
            closest[i] = SquaredDistance(sample.Row(i), centres.AsSpan(0, d));
        }

        var trials = 2 + (int)Math.Log(k);
        var candidateDistances = new double[sample.Count];
        var best = new double[sample.Count];
        for (var c = 1; c < k; c++)
        {
            var bestRow = BestOfTrials(sample, closest, trials, random, candidateDistances, best, cancellationToken);
            sample.Row(bestRow).CopyTo(centres.AsSpan(c * d, d));
            Array.Copy(best, closest, closest.Length);
        }

        return centres;
    }

    /// <summary>
    /// Of <paramref name="trials"/> candidate rows drawn ∝ w·<paramref name="closest"/>, the one whose potential
    /// Σ w·min(closest, D²) is lowest; its distances land in <paramref name="best"/>.
    /// </summary>
    private static int BestOfTrials(
        RowSample sample, double[] closest, int trials, Random random, double[] candidateDistances, double[] best,
        CancellationToken cancellationToken)
    {
        var bestPotential = double.PositiveInfinity;
        var bestRow = 0;
        for (var t = 0; t < trials; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var candidate = PickProportional(Potentials(sample.Weights, closest), random);
            var potential = 0.0;
            for (var i = 0; i < sample.Count; i++)
            {
                candidateDistances[i] = Math.Min(closest[i], SquaredDistance(sample.Row(i), sample.Row(candidate)));
                potential += sample.Weights[i] * candidateDistances[i];
            }

            if (potential < bestPotential)
            {
                bestPotential = potential;
                bestRow = candidate;
                Array.Copy(candidateDistances, best, best.Length);
            }
        }

        return bestRow;
    }

    /// <summary>
    /// Lloyd iterations from <paramref name="centres"/> (updated in place) until no label changes or
    /// <paramref name="maxIterations"/>; returns the label of every sample row. A cluster left empty keeps its centre.
    /// <paramref name="cancellationToken"/> is checked for every row assigned (K distances).
    /// </summary>
    public static int[] Lloyd(
        RowSample sample, double[] centres, int k, int maxIterations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(centres);
        var d = sample.Features;
        var labels = Assign(sample, centres, k, cancellationToken);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var sums = new double[k * d];
            var mass = new double[k];
            for (var i = 0; i < sample.Count; i++)
            {
                var w = sample.Weights[i];
                mass[labels[i]] += w;
                var row = sample.Row(i);
                for (var j = 0; j < d; j++)
                {
                    sums[(labels[i] * d) + j] += w * row[j];
                }
            }

            for (var c = 0; c < k; c++)
            {
                if (mass[c] > 0)
                {
                    for (var j = 0; j < d; j++)
                    {
                        centres[(c * d) + j] = sums[(c * d) + j] / mass[c];
                    }
                }
            }

            var next = Assign(sample, centres, k, cancellationToken);
            var changed = !next.AsSpan().SequenceEqual(labels);
            labels = next;
            if (!changed)
            {
                break;
            }
        }

        return labels;
    }

    /// <summary>The nearest centre of every sample row (ties go to the lower index).</summary>
    public static int[] Assign(
        RowSample sample, double[] centres, int k, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(centres);
        var d = sample.Features;
        var labels = new int[sample.Count];
        for (var i = 0; i < sample.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var best = double.PositiveInfinity;
            for (var c = 0; c < k; c++)
            {
                var distance = SquaredDistance(sample.Row(i), centres.AsSpan(c * d, d));
                if (distance < best)
                {
                    best = distance;
                    labels[i] = c;
                }
            }
        }

        return labels;
    }

    private static double[] Potentials(double[] weights, double[] closest)
    {
        var p = new double[weights.Length];
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = weights[i] * closest[i];
        }

        return p;
    }

    /// <summary>An index drawn with probability ∝ <paramref name="mass"/>; uniform when all mass is zero.</summary>
    private static int PickProportional(double[] mass, Random random)
    {
        var total = 0.0;
        foreach (var m in mass)
        {
            total += m;
        }

        if (!(total > 0))
        {
            return random.Next(mass.Length);
        }

        var target = random.NextDouble() * total;
        var running = 0.0;
        for (var i = 0; i < mass.Length; i++)
        {
            running += mass[i];
            if (running > target && mass[i] > 0)
            {
                return i;
            }
        }

        return Array.FindLastIndex(mass, m => m > 0);
    }

    private static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            var diff = a[j] - b[j];
            sum += diff * diff;
        }

        return sum;
    }
}
