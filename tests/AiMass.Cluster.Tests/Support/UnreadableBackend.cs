using AiMass.Kernels.Data;
using AiMass.Kernels.EStep;
using AiMass.Seed.Data;

namespace AiMass.Cluster.Tests.Support;

/// <summary>A worker that cannot open any dataset, as one without the shared volume mounted would fail.</summary>
public sealed class UnreadableBackend : IEStepBackend
{
    public string Name => "unreadable";

    public IPartitionEStep Bind(DataPartition partition) =>
        throw new DatasetUnreadableException(
            $"data file '{partition.Rows.Name}' cannot be opened: permission denied — on this worker (test)");

    public void Dispose()
    {
    }
}
