using ILGPU;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>What <see cref="ForwardBackwardKernels"/> reads and writes for one batch of sequences.</summary>
internal readonly struct HmmRecursionArguments(
    ArrayView<int> offsets, int rowBase, int sequences, int states, HmmModelViews model, HmmWorkspaceViews work,
    ArrayView<int> status)
{
    /// <summary>Chunk-relative first rows of the batch's sequences and the end of the last, <c>[Q + 1]</c>.</summary>
    public readonly ArrayView<int> Offsets = offsets;

    /// <summary>The chunk row where the batch starts (subtracted from <see cref="Offsets"/>).</summary>
    public readonly int RowBase = rowBase;

    /// <summary>Sequences in the batch (Q).</summary>
    public readonly int Sequences = sequences;

    /// <summary>States (S).</summary>
    public readonly int States = states;

    /// <summary>The parameters (π and A are read here).</summary>
    public readonly HmmModelViews Model = model;

    /// <summary>The batch's workspace.</summary>
    public readonly HmmWorkspaceViews Work = work;

    /// <summary>Per sequence of the batch, <c>[Q]</c>: 1 when it has probability zero under the model, else 0.
    /// </summary>
    public readonly ArrayView<int> Status = status;
}
