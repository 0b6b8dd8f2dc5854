using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>Builds <see cref="PreparedMixture{T}"/> from float64 parameters and a partition centre.</summary>
internal static class MixturePreparation
{
    /// <summary>The kernels' view of <paramref name="parameters"/> in the frame centred on
    /// <paramref name="centre"/>.</summary>
    public static PreparedMixture<T> Prepare<TOps, TVec, T>(GaussianMixtureParameters parameters, double[] centre)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged =>
        Prepare<TOps, TVec, T>(GaussianComponents.Of(parameters), centre);

    /// <summary>The kernels' view of <paramref name="parameters"/> (any K Gaussians: mixture components or HMM
    /// state emissions) in the frame centred on <paramref name="centre"/>.</summary>
    public static PreparedMixture<T> Prepare<TOps, TVec, T>(GaussianComponents parameters, double[] centre)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var layout = new MixtureLayout(parameters.Type, parameters.Components, parameters.Features, TOps.Width);
        int k = layout.Components, d = layout.Features, dp = layout.PaddedFeatures, h = layout.Height;
        var shifts = parameters.Shifts;
        var means = parameters.Means.AsSpan();
        var bias = new T[layout.PaddedComponents];
        var biasError = new double[k];
        Array.Fill(bias, TOps.FromDouble(double.NegativeInfinity)); // padding components never win the max
        var centres = new T[k * dp];
        var delta = new double[k * d];
        var meansCentred = new double[k * d];
        for (var c = 0; c < k; c++)
        {
            var exact = parameters.LogWeights[c] + parameters.LogDetPrecisionCholesky[c]
                - (0.5 * d * GaussianDensity.Log2Pi);
            bias[c] = TOps.FromDouble(exact);
            biasError[c] = exact - TOps.ToDouble(bias[c]);
            for (var j = 0; j < d; j++)
            {
                var shift = shifts[(c * d) + j] - centre[j];
                var rounded = TOps.FromDouble(shift);
                centres[(c * dp) + j] = rounded;
                delta[(c * d) + j] = TOps.ToDouble(rounded) - shift;
                meansCentred[(c * d) + j] = means[(c * d) + j] - centre[j];
            }
        }

        var prepared = new PreparedMixture<T>
        {
            Layout = layout,
            Bias = bias,
            BiasError = biasError,
            Centres = centres,
            Delta = delta,
            Triangular = [],
            Offset = new T[h],
            Scale = [],
            Shift = [],
            NormScale = HalfNegative<TOps, TVec, T>(layout.PaddedComponents),
        };
        return layout.Type switch
        {
            CovarianceType.Full => WithFull<TOps, TVec, T>(prepared, parameters, meansCentred),
            CovarianceType.Tied => WithTied<TOps, TVec, T>(prepared, parameters, meansCentred),
            _ => WithDiagonal<TOps, TVec, T>(prepared, parameters, meansCentred),
        };
    }

    private static PreparedMixture<T> WithFull<TOps, TVec, T>(
        PreparedMixture<T> prepared, GaussianComponents parameters, double[] meansCentred)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        var layout = prepared.Layout;
        int k = layout.Components, d = layout.Features, h = layout.Height;
        var u = parameters.PrecisionCholesky.AsSpan();
        var triangular = new T[k * d * h];
        var offset = new T[k * h];
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < d; j++)
            {
                var b = 0.0; // b_kj = (μ'_k U_k)_j, in float64 so only x'U carries float32 rounding
                for (var i = 0; i <= j; i++)
                {
                    var uij = u[(c * d * d) + (i * d) + j];
                    triangular[(c * d * h) + (i * h) + j] = TOps.FromDouble(uij);
                    b += meansCentred[(c * d) + i] * uij;
                }

                offset[(c * h) + j] = TOps.FromDouble(-b);
            }
        }

        return prepared with { Triangular = triangular, Offset = offset, Scale = [], Shift = [] };
    }

    private static PreparedMixture<T> WithTied<TOps, TVec, T>(
        PreparedMixture<T> prepared, GaussianComponents parameters, double[] meansCentred)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        var layout = prepared.Layout;
        int k = layout.Components, d = layout.Features, h = layout.Height, k4 = layout.PaddedComponents;
        var u = parameters.PrecisionCholesky.AsSpan();
        var triangular = new T[d * h];
        var scale = new T[d * k4];
        var shift = new T[d * k4];
        for (var i = 0; i < d; i++)
        {
            for (var j = i; j < d; j++)
            {
                triangular[(i * h) + j] = TOps.FromDouble(u[(i * d) + j]);
            }
        }

        for (var j = 0; j < d; j++)
        {
            for (var c = 0; c < k; c++)
            {
                var b = 0.0; // b_kj = (μ'_k U)_j
                for (var i = 0; i <= j; i++)
                {
                    b += meansCentred[(c * d) + i] * u[(i * d) + j];
                }

                scale[(j * k4) + c] = TOps.FromDouble(1.0);
                shift[(j * k4) + c] = TOps.FromDouble(-b);
            }
        }

        return prepared with { Triangular = triangular, Offset = prepared.Offset, Scale = scale, Shift = shift };
    }

    private static PreparedMixture<T> WithDiagonal<TOps, TVec, T>(
        PreparedMixture<T> prepared, GaussianComponents parameters, double[] meansCentred)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        var layout = prepared.Layout;
        int k = layout.Components, d = layout.Features, k4 = layout.PaddedComponents;
        var spherical = layout.Type == CovarianceType.Spherical;
        var precision = parameters.PrecisionCholesky.AsSpan();
        var scale = new T[d * k4];
        var shift = new T[d * k4];
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < d; j++)
            {
                // Spherical: p_k stays out of the sum (y = x' − μ', an add) and scales it once (NormScale).
                var p = spherical ? 1.0 : precision[(c * d) + j];
                scale[(j * k4) + c] = TOps.FromDouble(p);
                shift[(j * k4) + c] = TOps.FromDouble(-meansCentred[(c * d) + j] * p);
            }
        }

        var normScale = prepared.NormScale;
        if (spherical)
        {
            normScale = HalfNegative<TOps, TVec, T>(k4);
            for (var c = 0; c < k; c++)
            {
                normScale[c] = TOps.FromDouble(-0.5 * precision[c] * precision[c]);
            }
        }

        return prepared with
        {
            Triangular = [], Offset = prepared.Offset, Scale = scale, Shift = shift, NormScale = normScale,
        };
    }

    /// <summary><paramref name="length"/> copies of −½ in T.</summary>
    private static T[] HalfNegative<TOps, TVec, T>(int length)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        var values = new T[length];
        Array.Fill(values, TOps.FromDouble(-0.5));
        return values;
    }
}
