using AiMass.Kernels.Em;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;

namespace AiMass.Cluster.Tests.Support;

/// <summary>Bit-for-bit comparison of Gaussian-mixture models.</summary>
public static class ModelAssert
{
    /// <summary>The model file at <paramref name="modelFile"/> has exactly <paramref name="expected"/>'s
    /// parameters.</summary>
    public static void SameAs(FitResult expected, string modelFile)
    {
        ArgumentNullException.ThrowIfNull(expected);
        SameAs((GaussianMixtureParameters)expected.Parameters, (GaussianMixtureParameters)ModelFile.Load(modelFile));
    }

    /// <summary><paramref name="actual"/> has exactly <paramref name="expected"/>'s parameters.</summary>
    public static void SameAs(GaussianMixtureParameters expected, GaussianMixtureParameters actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(expected.Weights.ToArray(), actual.Weights.ToArray());
        Assert.Equal(expected.Means.ToArray(), actual.Means.ToArray());
        Assert.Equal(expected.Covariances.ToArray(), actual.Covariances.ToArray());
    }
}
