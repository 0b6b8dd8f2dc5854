using ILGPU;
using ILGPU.Backends;
using ILGPU.Runtime;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// Which exceptions mean "the device cannot do this" (fall back to the CPU path) rather than a bad input.
/// </summary>
internal static class DeviceFailures
{
    /// <summary>
    /// True for driver and runtime errors (CUDA/OpenCL errors, out of memory), kernel compilation failures,
    /// missing device capabilities (e.g. float64 on some OpenCL devices), a missing native driver, and shapes or
    /// models the kernels do not support. False for cancellation and user errors, which must surface as they are.
    /// </summary>
    public static bool IsDeviceFailure(Exception exception) => exception switch
    {
        OperationCanceledException or InvalidInputException => false,
        AcceleratorException or OutOfMemoryException or InsufficientExecutionStackException => true,
        InternalCompilerException or CapabilityNotSupportedException or NotSupportedIntrinsicException => true,
        InvalidCodeGenerationException or InvalidKernelOperationException => true,
        DllNotFoundException or EntryPointNotFoundException or NotSupportedException => true,
        TypeInitializationException { InnerException: { } inner } => IsDeviceFailure(inner),
        _ => false,
    };
}
