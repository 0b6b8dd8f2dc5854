using AiMass.Kernels.Em;

namespace AiMass.Kernels.Candidates;

/// <summary>
/// Moves exact binned state between a whole <see cref="ReproducibleSums"/> and a window of it, so a composite
/// layout (<see cref="CandidateSetStatisticsLayout"/>) can reuse its members' layouts. Merging exact state changes
/// no bit: the result is what depositing at the window's positions directly would give.
/// </summary>
internal static class SumsWindow
{
    /// <summary>Merges all of <paramref name="part"/> into <paramref name="sums"/> from position
    /// <paramref name="offset"/>.</summary>
    public static void MergeAt(ReproducibleSums sums, int offset, ReproducibleSums part)
    {
        var tops = part.TopBins;
        var bins = part.Bins;
        var flags = part.SpecialFlags;
        for (var i = 0; i < tops.Length; i++)
        {
            var bin = i * ReproducibleSums.Folds;
            sums.MergePosition(
                offset + i, tops[i], bins[bin], bins[bin + 1], bins[bin + 2], flags.IsEmpty ? (byte)0 : flags[i]);
        }
    }

    /// <summary>A new sum holding positions <paramref name="offset"/> … +<paramref name="length"/> of
    /// <paramref name="sums"/>.</summary>
    public static ReproducibleSums Copy(ReproducibleSums sums, int offset, int length)
    {
        var part = new ReproducibleSums(length);
        var tops = sums.TopBins;
        var bins = sums.Bins;
        var flags = sums.SpecialFlags;
        for (var i = 0; i < length; i++)
        {
            var at = offset + i;
            var bin = at * ReproducibleSums.Folds;
            part.MergePosition(
                i, tops[at], bins[bin], bins[bin + 1], bins[bin + 2], flags.IsEmpty ? (byte)0 : flags[at]);
        }

        return part;
    }
}
