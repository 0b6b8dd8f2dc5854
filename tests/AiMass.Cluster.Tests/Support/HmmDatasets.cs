using System.Globalization;
using AiMass.Kernels.Hmm;
using AiMass.Seed.Data;

namespace AiMass.Cluster.Tests.Support;

/// <summary>Sequences drawn from an HMM, written as .npy with a lengths file, for cluster tests.</summary>
public static class HmmDatasets
{
    /// <summary>Writes a sample of <paramref name="model"/> with the given <paramref name="lengths"/>; returns the
    /// data and lengths paths.</summary>
    public static (string Data, string Lengths) Write(
        string folder, HmmParameters model, IReadOnlyList<int> lengths, int seed)
    {
        var sample = HmmSampler.Sample(model, lengths, seed);
        var data = Path.Combine(folder, "sequences.npy");
        using (var writer = NpyWriter.Create(data, NpyDataType.Float64, sample.States.Length, sample.Features))
        {
            writer.WriteRows(sample.Observations);
            writer.Complete();
        }

        var lengthsPath = Path.Combine(folder, "lengths.txt");
        File.WriteAllLines(lengthsPath, lengths.Select(l => l.ToString(CultureInfo.InvariantCulture)));
        return (data, lengthsPath);
    }
}
