using Akka.Actor;
using AiMass.Coordinator.Persistence;
using AiMass.Seed.Hosting;

namespace AiMass.Coordinator.Jobs;

/// <summary>What every job actor of a coordinator shares.</summary>
/// <param name="Region">The partition shard region (or its proxy).</param>
/// <param name="Settings">Deadlines, attempts, partitions per worker.</param>
/// <param name="Store">Where checkpoints go.</param>
public sealed record JobServices(IActorRef Region, NodeSettings Settings, IJobStore Store);
