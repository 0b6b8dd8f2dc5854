using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;

namespace AiMass.Worker.Tests.Support;

/// <summary>The reference backend, counting computations and able to hold each one until released.</summary>
public sealed class CountingBackend : IEStepBackend
{
    private readonly ReferenceBackend _inner = new();
    private int _computations;

    /// <summary>When set, every computation waits for it.</summary>
    public ManualResetEventSlim? Gate { get; init; }

    public int Computations => Volatile.Read(ref _computations);

    public string Name => "counting-reference";

    public IPartitionEStep Bind(DataPartition partition) => new Counting(this, _inner.Bind(partition));

    public void Dispose() => _inner.Dispose();

    private sealed class Counting(CountingBackend owner, IPartitionEStep inner) : IPartitionEStep
    {
        public string Device => owner.Name;

        public SufficientStatistics Compute(
            ModelParameters parameters, EStepPrecision? precision, CancellationToken cancellationToken)
        {
            owner.Gate?.Wait(cancellationToken);
            Interlocked.Increment(ref owner._computations);
            return inner.Compute(parameters, precision, cancellationToken);
        }

        public void Dispose() => inner.Dispose();
    }
}
