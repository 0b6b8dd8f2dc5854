namespace AiMass.Seed.Hosting;

/// <summary>Actor-registry key of the job manager singleton's proxy.</summary>
public sealed class JobManagerKey;
