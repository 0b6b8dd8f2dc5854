using AiMass.Kernels.Mixture;
using AiMass.Kernels.Synthetic;
using AiMass.Seed.Data;

namespace AiMass.Coordinator.Tests.Support;

/// <summary>Synthetic mixture datasets written as .npy.</summary>
public static class MixtureData
{
    /// <summary>Writes rows drawn from a random K-component mixture of <paramref name="type"/> covariances.</summary>
    public static string Write(
        string path, long rows, int features, int components, CovarianceType type, int seed, double separation = 3)
    {
        var model = SyntheticMixtures.Random(components, features, type, seed, separation);
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
