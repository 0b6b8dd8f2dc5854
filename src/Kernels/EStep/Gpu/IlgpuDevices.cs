using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>Device names, labels and discovery for <see cref="IlgpuBackend"/>.</summary>
public static class IlgpuDevices
{
    /// <summary>The <c>--device</c> values this backend serves, in the order <c>auto</c> prefers the GPUs.</summary>
    public static IReadOnlyList<string> Names { get; } = ["cuda", "opencl", "ilgpu-cpu"];

    /// <summary>The <c>--device</c> value of <paramref name="kind"/>.</summary>
    public static string DeviceName(this IlgpuDeviceKind kind) => kind switch
    {
        IlgpuDeviceKind.Cuda => "cuda",
        IlgpuDeviceKind.OpenCL => "opencl",
        IlgpuDeviceKind.CpuEmulator => "ilgpu-cpu",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind a <c>--device</c> value names, or null when it is not an ILGPU device.</summary>
    public static IlgpuDeviceKind? Parse(string? device) => device?.Trim().ToLowerInvariant() switch
    {
        "cuda" => IlgpuDeviceKind.Cuda,
        "opencl" => IlgpuDeviceKind.OpenCL,
        "ilgpu-cpu" => IlgpuDeviceKind.CpuEmulator,
        _ => null,
    };

    /// <summary>Number of devices of <paramref name="kind"/> on this machine (0 when the driver is absent).</summary>
    public static int Count(IlgpuDeviceKind kind, bool gpuOnly = false)
    {
        try
        {
            using var context = CreateContext(kind, gpuOnly);
            return context.Devices.Count(d => d.AcceleratorType == AcceleratorTypeOf(kind));
        }
        catch (Exception e) when (DeviceFailures.IsDeviceFailure(e))
        {
            return 0;
        }
    }

    /// <summary>Human label of a kind for messages.</summary>
    internal static string Label(this IlgpuDeviceKind kind) => kind switch
    {
        IlgpuDeviceKind.Cuda => "CUDA",
        IlgpuDeviceKind.OpenCL => "OpenCL",
        _ => "ILGPU CPU",
    };

    /// <summary>A context that enables only <paramref name="kind"/> (for OpenCL, only GPUs when
    /// <paramref name="gpuOnly"/>).</summary>
    internal static Context CreateContext(IlgpuDeviceKind kind, bool gpuOnly) => Context.Create(builder =>
    {
        builder.EnableAlgorithms();
        _ = kind switch
        {
            IlgpuDeviceKind.Cuda => builder.Cuda(),
            IlgpuDeviceKind.OpenCL when gpuOnly => builder.OpenCL(d => d.DeviceType == CLDeviceType.CL_DEVICE_TYPE_GPU),
            IlgpuDeviceKind.OpenCL => builder.OpenCL(),
            _ => builder.CPU(CPUDevice.Default),
        };
    });

    /// <summary>The first device of <paramref name="kind"/> in <paramref name="context"/>, or null.</summary>
    internal static Device? First(Context context, IlgpuDeviceKind kind) =>
        context.Devices.FirstOrDefault(d => d.AcceleratorType == AcceleratorTypeOf(kind));

    private static AcceleratorType AcceleratorTypeOf(IlgpuDeviceKind kind) => kind switch
    {
        IlgpuDeviceKind.Cuda => AcceleratorType.Cuda,
        IlgpuDeviceKind.OpenCL => AcceleratorType.OpenCL,
        _ => AcceleratorType.CPU,
    };
}
