namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// Work split into numbered blocks whose results are combined strictly in block order, so the total does not
/// depend on how many threads ran or which one computed which block.
/// </summary>
internal interface IBlockJob
{
    /// <summary>Number of blocks.</summary>
    int BlockCount { get; }

    /// <summary>Computes block <paramref name="block"/> into the private buffers of compute thread
    /// <paramref name="worker"/>.</summary>
    void ComputeBlock(int block, int worker);

    /// <summary>Adds the result that <paramref name="worker"/> holds for <paramref name="block"/> to the total;
    /// called for block 0, 1, 2, … in order, one at a time.</summary>
    void MergeBlock(int block, int worker);
}
