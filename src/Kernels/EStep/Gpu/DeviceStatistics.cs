using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>Turns the reduced device totals <c>N [K] | S1 [K × D] | S2 | LL</c> into shifted statistics.</summary>
internal static class DeviceStatistics
{
    /// <summary>
    /// Splits <paramref name="totals"/>, mirrors the upper triangle of full and tied S2 from the lower one the
    /// kernels wrote, and adds C_max · Σw back to the log-likelihood (see <see cref="CentredParameters"/>).
    /// </summary>
    public static GaussianMixtureStatistics Assemble(
        CentredParameters host, double[] totals, double totalWeight, long rows)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(totals);
        int k = host.Components, d = host.Features;
        var s2Length = GaussianMixtureStatistics.SecondMomentLength(host.Type, k, d);
        var n = totals.AsSpan(0, k).ToArray();
        var s1 = totals.AsSpan(k, k * d).ToArray();
        var s2 = totals.AsSpan(k + (k * d), s2Length).ToArray();
        var blocks = host.Type switch { CovarianceType.Full => k, CovarianceType.Tied => 1, _ => 0 };
        for (var b = 0; b < blocks; b++)
        {
            var block = s2.AsSpan(b * d * d, d * d);
            for (var i = 0; i < d; i++)
            {
                for (var j = i + 1; j < d; j++)
                {
                    block[(i * d) + j] = block[(j * d) + i];
                }
            }
        }

        var logLikelihood = totals[k + (k * d) + s2Length] + (host.ConstantShift * totalWeight);
        return new GaussianMixtureStatistics(host.Type, k, d, n, s1, s2, logLikelihood, totalWeight, rows);
    }
}
