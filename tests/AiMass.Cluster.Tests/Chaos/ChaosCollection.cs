namespace AiMass.Cluster.Tests.Chaos;

/// <summary>
/// The chaos tests kill real processes and measure how the cluster recovers; they run one at a time and alone
/// (no other test competes for the two cores), so a loaded machine does not down a healthy node.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "chaos";
}
