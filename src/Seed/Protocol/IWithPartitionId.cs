namespace AiMass.Seed.Protocol;

/// <summary>A message addressed to one partition entity, <c>"{job}/{partition}"</c>.</summary>
public interface IWithPartitionId
{
    /// <summary>The job the partition belongs to.</summary>
    string JobId { get; }

    /// <summary>The partition index within the job.</summary>
    int Partition { get; }
}
