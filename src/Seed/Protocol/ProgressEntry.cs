namespace AiMass.Seed.Protocol;

/// <summary>One EM iteration of a cluster job, as the coordinator logs it and the CLI shows it.</summary>
/// <param name="Init">0-based initialisation.</param>
/// <param name="Iteration">1-based iteration within the initialisation.</param>
/// <param name="LowerBound">Mean per-sample log-likelihood before the M-step.</param>
/// <param name="Change">Change from the previous iteration (null on the first: JSON has no ∞).</param>
/// <param name="Milliseconds">Wall time of the iteration.</param>
/// <param name="SlowestPartition">The partition whose statistics arrived last.</param>
/// <param name="SlowestMilliseconds">Its compute time on the worker.</param>
/// <param name="SlowestWorker">The worker that computed it.</param>
public sealed record ProgressEntry(
    int Init, int Iteration, double LowerBound, double? Change, double Milliseconds,
    int SlowestPartition, double SlowestMilliseconds, string SlowestWorker);
