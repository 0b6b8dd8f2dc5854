using AiMass.Kernels.Data;

namespace AiMass.Kernels.Hmm;

/// <summary>
/// Viterbi decoding in log space (Rabiner 1989, eqs. 105a–b, with logarithms so no sequence length underflows):
/// δ_0(s) = log π_s + log b_0(s), δ_t(s) = max_r(δ_{t−1}(r) + log A_rs) + log b_t(s), then backtracking.
/// Ties go to the lowest state index, so the path is deterministic. O(T·S²) time, O(T·S) memory per sequence.
/// </summary>
public static class Viterbi
{
    /// <summary>The most likely state path of every sequence of <paramref name="partition"/>.</summary>
    public static DecodedPath Decode(
        DataPartition partition, HmmParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(parameters);
        ReferenceHmmEStep.CheckData(partition, parameters);
        var lengths = HmmSequences.Lengths(partition);
        var states = new int[checked((int)partition.RowCount)];
        var logProbabilities = new double[lengths.Length];
        HmmSequences.ForEachWithDensities(partition, parameters, cancellationToken, (index, first, length, _, logB) =>
        {
            var path = states.AsSpan((int)first, length);
            logProbabilities[index] = DecodeSequence(parameters, logB, length, path);
            ReferenceHmmEStep.CheckPossible(logProbabilities[index], partition, index, first, length);
        });
        return new DecodedPath(states, logProbabilities);
    }

    /// <summary>
    /// Decodes one sequence from its emission log-densities (<c>[T × S]</c>) into <paramref name="path"/>
    /// (<c>[T]</c>); returns log p(X, path) (−∞ when the sequence is impossible).
    /// </summary>
    public static double DecodeSequence(
        HmmParameters parameters, ReadOnlySpan<double> logDensities, int length, Span<int> path)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var s = parameters.States;
        var logStart = Logs(parameters.StartProbabilities.AsSpan());
        var logTransitions = Logs(parameters.Transitions.AsSpan());
        var backPointers = new int[length * s];
        var delta = new double[s];
        var next = new double[s];
        for (var c = 0; c < s; c++)
        {
            delta[c] = logStart[c] + logDensities[c];
        }

        for (var t = 1; t < length; t++)
        {
            Step(delta, logTransitions, logDensities.Slice(t * s, s), next, backPointers.AsSpan(t * s, s));
            (delta, next) = (next, delta);
        }

        var last = ArgMax(delta);
        path[length - 1] = last;
        for (var t = length - 1; t > 0; t--)
        {
            path[t - 1] = backPointers[(t * s) + path[t]];
        }

        return delta[last];
    }

    /// <summary>
    /// next[s] = max_r(delta[r] + log A_rs) + log b(s), with the first maximising r (the lowest index) kept in
    /// <paramref name="backPointers"/>.
    /// </summary>
    private static void Step(
        ReadOnlySpan<double> delta, ReadOnlySpan<double> logTransitions, ReadOnlySpan<double> logDensities,
        Span<double> next, Span<int> backPointers)
    {
        var s = delta.Length;
        for (var c = 0; c < s; c++)
        {
            var best = double.NegativeInfinity;
            var arg = 0;
            for (var r = 0; r < s; r++)
            {
                var candidate = delta[r] + logTransitions[(r * s) + c];
                if (candidate > best)
                {
                    best = candidate;
                    arg = r;
                }
            }

            backPointers[c] = arg;
            next[c] = best + logDensities[c];
        }
    }

    /// <summary>The index of the largest value; the lowest such index on ties.</summary>
    internal static int ArgMax(ReadOnlySpan<double> values)
    {
        var arg = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[arg])
            {
                arg = i;
            }
        }

        return arg;
    }

    private static double[] Logs(ReadOnlySpan<double> values)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = Math.Log(values[i]);
        }

        return result;
    }
}
