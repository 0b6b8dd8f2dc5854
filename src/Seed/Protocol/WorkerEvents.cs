namespace AiMass.Seed.Protocol;

/// <summary>What worker nodes tell the coordinator about themselves.</summary>
public static class WorkerEvents
{
    /// <summary>
    /// Sent every few seconds by each worker node to the job manager: its device and loaded partitions.
    /// </summary>
    /// <param name="Address">The worker node's address.</param>
    /// <param name="Device">Its E-step device, e.g. "cpu (avx512, 2 threads)".</param>
    /// <param name="Partitions">Entity ids of the partitions it holds now.</param>
    public sealed record WorkerAdvertised(string Address, string Device, IReadOnlyList<string> Partitions)
        : IAimassMessage;
}
