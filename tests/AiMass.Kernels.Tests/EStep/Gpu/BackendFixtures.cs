using System.Collections.Concurrent;
using AiMass.Kernels.EStep;
using AiMass.Kernels.EStep.Gpu;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>
/// One ILGPU backend per test class (creating a context and compiling kernels takes seconds), created on first
/// use so a skipped GPU class never touches a driver. Partitions fall back to the reference backend.
/// </summary>
public abstract class BackendFixture : IDisposable
{
    private readonly Lazy<IlgpuBackend> _backend;

    /// <summary>A fixture for <paramref name="kind"/>.</summary>
    protected BackendFixture(IlgpuDeviceKind kind) => _backend = new(() =>
    {
        var backend = IlgpuBackend.Create(kind, () => new ReferenceBackend());
        backend.Warning += Warnings.Enqueue;
        return backend;
    });

    /// <summary>The backend (created on first access).</summary>
    public IlgpuBackend Backend => _backend.Value;

    /// <summary>Every fallback warning the backend raised.</summary>
    public ConcurrentQueue<string> Warnings { get; } = new();

    /// <inheritdoc />
    public void Dispose()
    {
        if (_backend.IsValueCreated)
        {
            _backend.Value.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>ILGPU's CPU accelerator (a GPU emulator: always available, slow).</summary>
public sealed class CpuEmulatorFixture() : BackendFixture(IlgpuDeviceKind.CpuEmulator);

/// <summary>The first CUDA device.</summary>
public sealed class CudaFixture() : BackendFixture(IlgpuDeviceKind.Cuda);
