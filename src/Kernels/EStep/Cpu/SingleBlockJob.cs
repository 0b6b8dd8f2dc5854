using AiMass.Kernels.Em;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// Runs one whole computation as a single block on a compute thread: a model family without a vectorised CPU
/// E-step still runs off the caller's thread (in a node, the .NET ThreadPool).
/// </summary>
internal sealed class SingleBlockJob(Func<SufficientStatistics> compute) : IBlockJob
{
    /// <summary>The statistics, once the run ends.</summary>
    public SufficientStatistics? Result { get; private set; }

    /// <inheritdoc />
    public int BlockCount => 1;

    /// <inheritdoc />
    public void ComputeBlock(int block, int worker) => Result = compute();

    /// <inheritdoc />
    public void MergeBlock(int block, int worker)
    {
    }
}
