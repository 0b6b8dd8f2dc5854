using AiMass.Coordinator.Persistence;
using AiMass.Seed.Hosting;

namespace AiMass.Coordinator.Jobs;

/// <summary>What every job actor of a coordinator shares.</summary>
/// <param name="Settings">Deadlines, attempts, tree width, transfers.</param>
/// <param name="Store">Where checkpoints go.</param>
public sealed record JobServices(NodeSettings Settings, IJobStore Store);
