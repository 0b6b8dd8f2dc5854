using AiMass.Kernels.Hmm;
using ILGPU;
using ILGPU.Runtime;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// One iteration's HMM parameters as the kernels read them, float64, with Gaussian means in the partition's
/// centred frame (μ̃_s = μ_s − m_p, subtracted in float64, matching the centred rows of <see cref="DeviceRows"/>)
/// and categorical probabilities as log B (−∞ for zeros, as the reference). Owns the device buffers of one model
/// shape; <see cref="Upload"/> refills them each iteration.
/// </summary>
internal sealed class HmmDeviceParameters : IDisposable
{
    private readonly MemoryBuffer1D<double, Stride1D.Dense>[] _buffers;

    /// <summary>Allocates buffers for the shape of <paramref name="parameters"/>.</summary>
    public HmmDeviceParameters(Accelerator accelerator, HmmParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        var lengths = HostArrays(parameters, new double[parameters.Features]).Select(a => Math.Max(1, a.Length));
        _buffers = lengths.Select(n => accelerator.Allocate1D<double>(n)).ToArray();
    }

    /// <summary>The device views.</summary>
    public HmmModelViews Views => new(
        _buffers[0].View, _buffers[1].View, _buffers[2].View, _buffers[3].View, _buffers[4].View, _buffers[5].View);

    /// <summary>Copies <paramref name="parameters"/>, centred at <paramref name="centre"/> (<c>[D]</c>), to the device.
    /// </summary>
    public void Upload(HmmParameters parameters, ReadOnlySpan<double> centre, AcceleratorStream stream)
    {
        var arrays = HostArrays(parameters, centre);
        for (var i = 0; i < arrays.Length; i++)
        {
            if (arrays[i].Length > 0)
            {
                _buffers[i].View.SubView(0, arrays[i].Length).CopyFromCPU(stream, arrays[i]);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var buffer in _buffers)
        {
            buffer.Dispose();
        }
    }

    /// <summary>π, A, μ̃, U, Σ log diag U, log B, in the order of <see cref="HmmModelViews"/>.</summary>
    private static double[][] HostArrays(HmmParameters parameters, ReadOnlySpan<double> centre)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var means = parameters.Means.ToArray();
        var d = parameters.Features;
        for (var i = 0; i < means.Length; i++)
        {
            means[i] -= centre[i % d];
        }

        var logEmissions = parameters.EmissionProbabilities.Select(Math.Log).ToArray();
        return
        [
            parameters.StartProbabilities.ToArray(), parameters.Transitions.ToArray(), means,
            parameters.PrecisionCholesky.ToArray(), parameters.LogDetPrecisionCholesky.ToArray(), logEmissions,
        ];
    }
}
