using AiMass.Kernels.Mixture;
using AiMass.Kernels.Synthetic;
using AiMass.Seed.Data;

namespace AiMass.Coordinator.Tests.Jobs.Support;

/// <summary>Synthetic datasets written as .npy for the job actor tests.</summary>
public static class JobData
{
    /// <summary>Writes <paramref name="rows"/> rows drawn from a random mixture and returns the path.</summary>
    public static string Mixture(string path, long rows, int features, int components, int seed)
    {
        var model = SyntheticMixtures.Random(components, features, CovarianceType.Full, seed);
        using var writer = NpyWriter.Create(path, NpyDataType.Float64, rows, features);
        var buffer = new double[GaussianMixtureSampler.BlockRows * features];
        for (long block = 0; block * GaussianMixtureSampler.BlockRows < rows; block++)
        {
            var n = (int)Math.Min(GaussianMixtureSampler.BlockRows, rows - (block * GaussianMixtureSampler.BlockRows));
            GaussianMixtureSampler.DrawBlock(model, seed, block, n, buffer, []);
            writer.WriteRows(buffer.AsSpan(0, n * features));
        }

        writer.Complete();
        return path;
    }
}
