namespace AiMass.Kernels.Tests.Support;

/// <summary>Seeded synthetic data for identity tests.</summary>
public static class SyntheticData
{
    /// <summary>Standard normal draws (Box–Muller) from a seeded generator.</summary>
    public static double Normal(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary><paramref name="rows"/> × <paramref name="features"/> values from <paramref name="blobs"/>
    /// unit-spread blobs whose centres lie ~N(0, 4²), shifted by <paramref name="offset"/>.</summary>
    public static double[] Blobs(int rows, int features, int blobs, int seed, double offset = 0)
    {
        var random = new Random(seed);
        var centres = new double[blobs * features];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = 4 * Normal(random);
        }

        var x = new double[rows * features];
        for (var r = 0; r < rows; r++)
        {
            var b = r % blobs;
            for (var j = 0; j < features; j++)
            {
                x[(r * features) + j] = offset + centres[(b * features) + j] + Normal(random);
            }
        }

        return x;
    }
}
