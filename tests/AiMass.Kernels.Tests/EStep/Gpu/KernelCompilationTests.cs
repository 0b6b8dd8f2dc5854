using System.Reflection;
using AiMass.Kernels.EStep.Gpu;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.OpenCL;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using Xunit;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>
/// Compiles every kernel with ILGPU's PTX and OpenCL backends without a device. The CPU accelerator runs the
/// kernels as .NET code, so only this catches constructs the GPU compilers reject, and register spills that
/// ILGPU itself would put in local memory (e.g. a struct it failed to split into registers).
/// </summary>
public sealed class KernelCompilationTests
{
    private static readonly string[] TileKernels =
    [
        nameof(GaussianTileKernels.AccumulateFullCovarianceKernel),
        nameof(GaussianTileKernels.AccumulateTiedCovarianceKernel),
        nameof(GaussianTileKernels.AccumulateDiagonalCovarianceKernel),
    ];

    [Fact]
    public void Every_kernel_compiles_to_ptx_for_sm_90_without_local_memory()
    {
        using var context = Context.Create(builder => builder.EnableAlgorithms());
        using var backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null!);
        foreach (var (method, entry) in EntryPoints())
        {
            var ptx = Assert.IsType<PTXCompiledKernel>(backend.Compile(entry, KernelSpecialization.Empty)).PTXAssembly;
            Assert.Contains($".entry Kernel_{method.Name}", ptx, StringComparison.Ordinal);
            Assert.DoesNotContain(".local", ptx, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_kernel_compiles_to_opencl_c_with_float64()
    {
        using var context = Context.Create(builder => builder.EnableAlgorithms());
        var capabilities = new CLCapabilityContext(true, true, true, true, true);
        using var backend = new CLBackend(context, capabilities, CLDeviceVendor.Nvidia, CLCVersion.CL20);
        foreach (var (method, entry) in EntryPoints())
        {
            var source = Assert.IsType<CLCompiledKernel>(backend.Compile(entry, KernelSpecialization.Empty)).Source;
            Assert.Contains("kernel", source, StringComparison.Ordinal);
            Assert.Contains("double", source, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<(MethodInfo Method, EntryPointDescription Entry)> EntryPoints()
    {
        foreach (var name in TileKernels)
        {
            var method = Kernel(name);
            yield return (method, EntryPointDescription.FromExplicitlyGroupedKernel(method));
        }

        var sum = Kernel(nameof(GaussianTileKernels.SumBlockPartialsKernel));
        yield return (sum, EntryPointDescription.FromImplicitlyGroupedKernel(sum));
    }

    private static MethodInfo Kernel(string name) =>
        typeof(GaussianTileKernels).GetMethod(name, BindingFlags.Static | BindingFlags.Public)
        ?? throw new InvalidOperationException($"Kernel {name} not found.");
}
