using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Tests.Support;

/// <summary>Job statuses and iterations for view and outcome tests.</summary>
public static class Statuses
{
    /// <summary>A status of job "j1" in <paramref name="state"/>.</summary>
    public static JobStatus Of(
        JobState state, string? error = null, bool inputError = false, bool? converged = null, int inits = 1,
        int done = 6)
    {
        var running = state is JobState.Planning or JobState.Running or JobState.Paused;
        DateTimeOffset? finished = running ? null : DateTimeOffset.UnixEpoch.AddSeconds(3);
        return new("j1", state, "gmm K=3 full on /data/x.npy", inits, 6, done, error, inputError,
            DateTimeOffset.UnixEpoch, finished, converged, [], 12);
    }

    /// <summary>Iteration <paramref name="iteration"/> of initialisation <paramref name="init"/>.</summary>
    public static ProgressEntry Entry(int iteration, int init = 0, double? change = 0.5) =>
        new(init, iteration, -7.25 + (iteration * 0.01), change, 41.5, 2, 12.25, "akka.tcp://aimass@127.0.0.1:4100");
}
