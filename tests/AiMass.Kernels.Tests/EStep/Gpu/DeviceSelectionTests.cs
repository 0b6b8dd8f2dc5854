using AiMass.Kernels.EStep;
using AiMass.Kernels.EStep.Gpu;
using Xunit;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>
/// <c>--device</c> values served by the ILGPU backend. Where a test depends on the machine, it asks the driver
/// first and checks the branch that applies (a CUDA machine must give a CUDA backend, any other the message).
/// </summary>
public sealed class DeviceSelectionTests
{
    [Fact]
    public void The_device_names_include_the_ilgpu_devices()
    {
        Assert.Equal(["auto", "cpu", "reference", "cuda", "opencl", "ilgpu-cpu"], EStepBackends.Names);
    }

    [Fact]
    public void Ilgpu_cpu_names_the_emulator_and_its_hardware()
    {
        using var backend = EStepBackends.Create(" ILGPU-CPU ");
        Assert.Equal("ilgpu-cpu:0 CPUAccelerator", backend.Name);
    }

    [Theory]
    [InlineData(IlgpuDeviceKind.Cuda, "cuda", "CUDA")]
    [InlineData(IlgpuDeviceKind.OpenCL, "opencl", "OpenCL")]
    public void A_requested_gpu_is_used_when_present_and_otherwise_named_in_the_error(
        IlgpuDeviceKind kind, string device, string label)
    {
        if (IlgpuDevices.Count(kind) > 0)
        {
            using var backend = EStepBackends.Create(device);
            Assert.StartsWith(device + ":0 ", backend.Name, StringComparison.Ordinal);
            return;
        }

        var error = Assert.Throws<InvalidInputException>(() => EStepBackends.Create(device));
        Assert.Equal($"--device {device}: no {label} device found; use --device cpu", error.Message);
    }

    [Fact]
    public void Auto_takes_a_gpu_when_present_and_otherwise_the_cpu_path()
    {
        using var backend = EStepBackends.Create("auto");
        if (IlgpuDevices.Count(IlgpuDeviceKind.Cuda) > 0)
        {
            Assert.StartsWith("cuda:0 ", backend.Name, StringComparison.Ordinal);
        }
        else if (IlgpuDevices.Count(IlgpuDeviceKind.OpenCL, gpuOnly: true) > 0)
        {
            Assert.StartsWith("opencl:0 ", backend.Name, StringComparison.Ordinal);
        }
        else
        {
            using var cpu = EStepBackends.Create(EStepBackends.Names.Contains("cpu") ? "cpu" : "reference");
            Assert.Equal(cpu.Name, backend.Name);
        }
    }

    [Fact]
    public void An_unknown_device_lists_the_known_ones()
    {
        var error = Assert.Throws<InvalidInputException>(() => EStepBackends.Create("tpu"));
        Assert.Equal("Unknown device 'tpu'; use one of: auto, cpu, reference, cuda, opencl, ilgpu-cpu.", error.Message);
    }
}
