namespace AiMass.Kernels.Hmm;

/// <summary>Non-negative vectors scaled to sum to one: HMM start, transition and emission rows, posteriors.</summary>
internal static class ProbabilityVector
{
    /// <summary>v /= Σ v, in place (a plain left-to-right sum, so every caller rounds the same way).</summary>
    public static void Normalise(Span<double> v)
    {
        var sum = 0.0;
        foreach (var x in v)
        {
            sum += x;
        }

        for (var i = 0; i < v.Length; i++)
        {
            v[i] /= sum;
        }
    }
}
