using ILGPU;
using ILGPU.Runtime;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// The forward-backward workspace of one accelerator (see <see cref="HmmWorkspaceViews"/>): float64
/// emissions and α̂ <c>[rows × S]</c>, scales and terms <c>[rows]</c>. One per backend, shared by its partitions
/// (device work is serialised by the backend's lock), grown on demand and kept until the backend is disposed.
/// </summary>
internal sealed class HmmWorkspace : IDisposable
{
    private readonly Accelerator _accelerator;
    private MemoryBuffer1D<double, Stride1D.Dense>? _emissions;
    private MemoryBuffer1D<double, Stride1D.Dense>? _alpha;
    private MemoryBuffer1D<double, Stride1D.Dense>? _scale;
    private MemoryBuffer1D<double, Stride1D.Dense>? _terms;

    /// <summary>A workspace on <paramref name="accelerator"/>; nothing is allocated until first use.</summary>
    public HmmWorkspace(Accelerator accelerator) => _accelerator = accelerator;

    /// <summary>Views for a batch of <paramref name="rows"/> rows of <paramref name="states"/> states, allocating
    /// (and releasing the smaller buffers) when the workspace is too small. Call under the device lock.</summary>
    public HmmWorkspaceViews Views(int rows, int states)
    {
        var cells = (long)rows * states;
        if (_terms is null || _emissions!.Length < cells || _scale!.Length < rows)
        {
            // Grow to cover both the old and the new shape, so partitions of different S do not thrash.
            var capacityCells = Math.Max(cells, _emissions?.Length ?? 0);
            var capacityRows = Math.Max(rows, _scale?.Length ?? 0);
            Release();
            _emissions = _accelerator.Allocate1D<double>(capacityCells);
            _alpha = _accelerator.Allocate1D<double>(capacityCells);
            _scale = _accelerator.Allocate1D<double>(capacityRows);
            _terms = _accelerator.Allocate1D<double>(capacityRows);
        }

        return new HmmWorkspaceViews(
            _emissions.View.SubView(0, cells), _alpha!.View.SubView(0, cells), _scale!.View.SubView(0, rows),
            _terms!.View.SubView(0, rows));
    }

    /// <inheritdoc />
    public void Dispose() => Release();

    private void Release()
    {
        _emissions?.Dispose();
        _alpha?.Dispose();
        _scale?.Dispose();
        _terms?.Dispose();
        _emissions = _alpha = _scale = _terms = null;
    }
}
