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
/// Compiles every HMM kernel with ILGPU's PTX (sm_90) and OpenCL backends without a device, as
/// <see cref="KernelCompilationTests"/> does for the mixture kernels: the CPU accelerator runs kernels as .NET
/// code, so only this catches constructs the GPU compilers reject and values ILGPU would spill to local memory.
/// </summary>
public sealed class HmmKernelCompilationTests
{
    private static readonly (Type Type, string Name)[] Kernels =
    [
        (typeof(HmmEmissionKernels), nameof(HmmEmissionKernels.ComputeDiagonalEmissionsKernel)),
        (typeof(HmmEmissionKernels), nameof(HmmEmissionKernels.ComputeFullEmissionsKernel)),
        (typeof(HmmEmissionKernels), nameof(HmmEmissionKernels.ComputeCategoricalEmissionsKernel)),
        (typeof(ForwardBackwardKernels), nameof(ForwardBackwardKernels.ForwardBackwardKernel)),
        (typeof(HmmStatisticsKernels), nameof(HmmStatisticsKernels.AccumulateDiagonalStatisticsKernel)),
        (typeof(HmmStatisticsKernels), nameof(HmmStatisticsKernels.AccumulateFullStatisticsKernel)),
        (typeof(HmmStatisticsKernels), nameof(HmmStatisticsKernels.AccumulateCategoricalStatisticsKernel)),
    ];

    [Fact]
    public void Every_hmm_kernel_compiles_to_ptx_for_sm_90_without_local_memory()
    {
        using var context = Context.Create(builder => builder.EnableAlgorithms());
        using var backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null!);
        foreach (var method in Methods())
        {
            var entry = EntryPointDescription.FromExplicitlyGroupedKernel(method);
            var ptx = Assert.IsType<PTXCompiledKernel>(backend.Compile(entry, KernelSpecialization.Empty)).PTXAssembly;
            Assert.Contains($".entry Kernel_{method.Name}", ptx, StringComparison.Ordinal);
            Assert.DoesNotContain(".local", ptx, StringComparison.Ordinal);
            Assert.Contains(".f64", ptx, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_hmm_kernel_compiles_to_opencl_c_with_float64()
    {
        using var context = Context.Create(builder => builder.EnableAlgorithms());
        var capabilities = new CLCapabilityContext(true, true, true, true, true);
        using var backend = new CLBackend(context, capabilities, CLDeviceVendor.Nvidia, CLCVersion.CL20);
        foreach (var method in Methods())
        {
            var entry = EntryPointDescription.FromExplicitlyGroupedKernel(method);
            var source = Assert.IsType<CLCompiledKernel>(backend.Compile(entry, KernelSpecialization.Empty)).Source;
            Assert.Contains("kernel", source, StringComparison.Ordinal);
            Assert.Contains("double", source, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<MethodInfo> Methods() => Kernels.Select(k =>
        k.Type.GetMethod(k.Name, BindingFlags.Static | BindingFlags.Public)
        ?? throw new InvalidOperationException($"Kernel {k.Name} not found."));
}
