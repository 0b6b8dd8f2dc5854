using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>Builds <see cref="PreparedHmm{T}"/> from float64 parameters and a partition centre.</summary>
internal static class HmmPreparation
{
    /// <summary>
    /// The kernels' view of <paramref name="parameters"/>: states padded to a multiple of
    /// <paramref name="doubleWidth"/>; Gaussian densities centred on <paramref name="centre"/> (ignored for
    /// categorical emissions).
    /// </summary>
    public static PreparedHmm<T> Prepare<TOps, TVec, T>(HmmParameters parameters, double[] centre, int doubleWidth)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int s = parameters.States, sp = MixtureLayout.RoundUp(s, doubleWidth);
        var start = new double[sp];
        parameters.StartProbabilities.AsSpan().CopyTo(start);
        var transitions = new double[s * sp];
        var transposed = new double[s * sp];
        for (var r = 0; r < s; r++)
        {
            for (var c = 0; c < s; c++)
            {
                transitions[(r * sp) + c] = parameters.Transitions[(r * s) + c];
                transposed[(c * sp) + r] = parameters.Transitions[(r * s) + c];
            }
        }

        var prepared = new PreparedHmm<T>
        {
            Parameters = parameters,
            PaddedStates = sp,
            Start = start,
            Transitions = transitions,
            TransposedTransitions = transposed,
            LogNormalizers = [],
            Mixture = null,
            SymbolEmissions = [],
            SymbolShifts = [],
        };
        return parameters.Emission == HmmEmission.Categorical
            ? WithSymbols(prepared)
            : WithGaussians<TOps, TVec, T>(prepared, centre);
    }

    /// <summary>Reuses the mixture preparation with log weights 0, then zeroes the kernel bias.</summary>
    private static PreparedHmm<T> WithGaussians<TOps, TVec, T>(PreparedHmm<T> prepared, double[] centre)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        var parameters = prepared.Parameters;
        int s = parameters.States, d = parameters.Features;
        var components = new GaussianComponents(
            parameters.Emission.CovarianceType(), d, new double[s], parameters.Means, parameters.Means.ToArray(),
            parameters.PrecisionCholesky, parameters.LogDetPrecisionCholesky);
        var mixture = MixturePreparation.Prepare<TOps, TVec, T>(components, centre);
        var bias = new T[mixture.Layout.PaddedComponents];
        Array.Fill(bias, TOps.FromDouble(double.NegativeInfinity));
        Array.Fill(bias, default(T), 0, s); // T's zero: the states' constants are added in float64
        var normalizers = new double[prepared.PaddedStates];
        Array.Fill(normalizers, double.NegativeInfinity);
        for (var c = 0; c < s; c++)
        {
            normalizers[c] = parameters.LogDetPrecisionCholesky[c] - (0.5 * d * GaussianDensity.Log2Pi);
        }

        return prepared with
        {
            LogNormalizers = normalizers, Mixture = mixture with { Bias = bias, BiasError = new double[s] },
        };
    }

    /// <summary>e(s | m) = B[s, m] / max_s B[s, m] and log max_s B[s, m] per symbol m.</summary>
    private static PreparedHmm<T> WithSymbols<T>(PreparedHmm<T> prepared)
        where T : unmanaged
    {
        var parameters = prepared.Parameters;
        int s = parameters.States, m = parameters.Symbols, sp = prepared.PaddedStates;
        var table = new double[m * sp];
        var shifts = new double[m];
        for (var symbol = 0; symbol < m; symbol++)
        {
            var max = 0.0;
            for (var c = 0; c < s; c++)
            {
                max = Math.Max(max, parameters.EmissionProbabilities[(c * m) + symbol]);
            }

            shifts[symbol] = Math.Log(max);
            for (var c = 0; c < s && max > 0; c++)
            {
                table[(symbol * sp) + c] = parameters.EmissionProbabilities[(c * m) + symbol] / max;
            }
        }

        return prepared with { SymbolEmissions = table, SymbolShifts = shifts };
    }
}
