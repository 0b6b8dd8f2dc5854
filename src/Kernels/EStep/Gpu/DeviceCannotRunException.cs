namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// "This device cannot run this model": a shape, size or arithmetic the ILGPU kernels do not support (statistics
/// too large for int32 indices, a tile that does not fit shared memory, float64). An expected outcome, not a bug:
/// the backend computes the partition on its CPU path instead. Any other exception from the device code surfaces.
/// </summary>
public sealed class DeviceCannotRunException : Exception
{
    /// <summary>The reason, for the warning the user sees.</summary>
    public DeviceCannotRunException(string message)
        : base(message)
    {
    }

    /// <summary>The reason and its cause.</summary>
    public DeviceCannotRunException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Without a reason (prefer the other constructors).</summary>
    public DeviceCannotRunException()
    {
    }
}
