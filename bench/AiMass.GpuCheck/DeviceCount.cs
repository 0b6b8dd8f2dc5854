using AiMass.Kernels.EStep.Gpu;

namespace AiMass.GpuCheck;

/// <summary>Prints how many CUDA and OpenCL devices ILGPU sees (0 when the driver is absent).</summary>
internal static class DeviceCount
{
    public static int Print()
    {
        Console.WriteLine($"cuda {IlgpuDevices.Count(IlgpuDeviceKind.Cuda)}");
        Console.WriteLine($"opencl {IlgpuDevices.Count(IlgpuDeviceKind.OpenCL)}");
        return 0;
    }
}
