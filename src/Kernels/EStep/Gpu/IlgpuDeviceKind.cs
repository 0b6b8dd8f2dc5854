namespace AiMass.Kernels.EStep.Gpu;

/// <summary>The kinds of ILGPU accelerator the backend can run on.</summary>
public enum IlgpuDeviceKind
{
    /// <summary>An NVIDIA GPU through CUDA (<c>--device cuda</c>).</summary>
    Cuda,

    /// <summary>An OpenCL device (<c>--device opencl</c>); <c>auto</c> only takes OpenCL GPUs.</summary>
    OpenCL,

    /// <summary>ILGPU's CPU accelerator, a GPU emulator for tests (<c>--device ilgpu-cpu</c>); slow.</summary>
    CpuEmulator,
}
