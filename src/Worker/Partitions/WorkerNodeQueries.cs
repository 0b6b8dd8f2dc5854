namespace AiMass.Worker.Partitions;

/// <summary>Local questions to a <see cref="WorkerNodeActor"/> (never sent over the network).</summary>
public static class WorkerNodeQueries
{
    /// <summary>Which partitions does this node hold? Answered with <see cref="HeldPartitions"/>.</summary>
    public sealed class GetHeldPartitions
    {
        /// <summary>The one instance.</summary>
        public static readonly GetHeldPartitions Instance = new();

        private GetHeldPartitions()
        {
        }
    }

    /// <summary>The partitions this node holds.</summary>
    /// <param name="EntityIds">As <c>"{job}/{partition}"</c>, ordered.</param>
    public sealed record HeldPartitions(IReadOnlyList<string> EntityIds);
}
