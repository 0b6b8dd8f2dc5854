using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>Turns the reduced device totals <c>N [K] | S1 [K × D] | S2 | LL</c> into shifted statistics.</summary>
internal static class DeviceStatistics
{
    /// <summary>
    /// Splits <paramref name="totals"/> and adds C_max · Σw back to the log-likelihood (see
    /// <see cref="CentredParameters"/>). The kernels write only the lower triangle of full and tied S2, which
    /// <see cref="GaussianMixtureStatistics"/> treats as authoritative and mirrors.
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
        var logLikelihood = totals[k + (k * d) + s2Length] + (host.ConstantShift * totalWeight);
        return new GaussianMixtureStatistics(host.Type, k, d, n, s1, s2, logLikelihood, totalWeight, rows);
    }
}
