using ILGPU;
using ILGPU.Backends;
using ILGPU.Runtime;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// Which exceptions mean "the device cannot do this" (fall back to the CPU path) rather than a bad input or a bug.
/// </summary>
internal static class DeviceFailures
{
    /// <summary>
    /// True for <see cref="DeviceCannotRunException"/> (our kernels cannot hold the model), driver and runtime
    /// errors (CUDA/OpenCL errors, out of memory), kernel compilation failures, missing device capabilities (e.g.
    /// float64 on some OpenCL devices), a missing native driver, and a <see cref="NotSupportedException"/> that
    /// ILGPU itself threw. False for cancellation, user errors, and every other exception — a
    /// <see cref="NotSupportedException"/> from our own code is a bug and must surface, not hide behind a fallback.
    /// </summary>
    public static bool IsDeviceFailure(Exception exception) => exception switch
    {
        OperationCanceledException or InvalidInputException => false,
        DeviceCannotRunException => true,
        AcceleratorException or OutOfMemoryException or InsufficientExecutionStackException => true,
        InternalCompilerException or CapabilityNotSupportedException or NotSupportedIntrinsicException => true,
        InvalidCodeGenerationException or InvalidKernelOperationException => true,
        DllNotFoundException or EntryPointNotFoundException => true,
        NotSupportedException when ThrownByIlgpu(exception) => true,
        TypeInitializationException { InnerException: { } inner } => IsDeviceFailure(inner),
        _ => false,
    };

    /// <summary>True when the method that threw <paramref name="exception"/> belongs to ILGPU (ILGPU,
    /// ILGPU.Algorithms).</summary>
    private static bool ThrownByIlgpu(Exception exception) =>
        exception.TargetSite?.Module.Assembly.GetName().Name is { } name
        && (name == "ILGPU" || name.StartsWith("ILGPU.", StringComparison.Ordinal));
}
