using AiMass.Seed.Hosting;

namespace AiMass.Bench.Scale;

/// <summary>The settings every node of a scale run starts from.</summary>
public static class ScaleNodes
{
    /// <summary>
    /// Loopback, warnings only, and a failure detector patient enough for dozens of nodes sharing two cores (a node
    /// that is merely starved must not be downed mid-run).
    /// </summary>
    public static NodeSettings Settings(int treeWidth, int chunkKb = 1024) => new()
    {
        LogLevel = "Warning",
        TreeWidth = treeWidth,
        ChunkBytes = chunkKb * 1024,
        AcceptableHeartbeatPause = TimeSpan.FromSeconds(60),
        StableAfter = TimeSpan.FromSeconds(120),
        AdvertiseInterval = TimeSpan.FromSeconds(30),
        SpeculationFactor = 0,
        FirstStepDeadline = TimeSpan.FromMinutes(20),
        StepDeadline = TimeSpan.FromMinutes(10),
    };
}
