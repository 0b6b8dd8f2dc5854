using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Client;

/// <summary>
/// One line of a job's progress stream (<c>GET /api/jobs/{id}/events</c>): either an iteration or a status change
/// (the status carries no history; the last status of a stream is final).
/// </summary>
/// <param name="Iteration">The iteration, for an <c>"iteration"</c> line.</param>
/// <param name="Status">The status, for a <c>"status"</c> line.</param>
public sealed record JobProgressEvent(ProgressEntry? Iteration, JobStatus? Status);
