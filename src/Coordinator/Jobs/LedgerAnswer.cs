using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Jobs;

/// <summary>What a <see cref="StepLedger"/> made of one node's answer.</summary>
/// <param name="Kind">Whether it was counted.</param>
/// <param name="Counted">Partitions counted by it (empty unless accepted).</param>
/// <param name="Remainder">For an overlapping answer: its partitions not counted yet, to ask again on their
/// own.</param>
/// <param name="Unanswered">Partitions the request covered that the answer neither computed nor failed (a node below
/// was lost), not counted yet.</param>
/// <param name="Failures">Failures of partitions not counted yet.</param>
public sealed record LedgerAnswer(
    LedgerAnswerKind Kind, IReadOnlyList<int> Counted, IReadOnlyList<int> Remainder, IReadOnlyList<int> Unanswered,
    IReadOnlyList<PartitionFailure> Failures)
{
    /// <summary>An answer that changes nothing.</summary>
    public static LedgerAnswer Ignored(LedgerAnswerKind kind) => new(kind, [], [], [], []);
}

/// <summary>How a <see cref="StepLedger"/> took an answer.</summary>
public enum LedgerAnswerKind
{
    /// <summary>Its statistics were added.</summary>
    Accepted,

    /// <summary>It answers another step, or a request this step never made.</summary>
    Stale,

    /// <summary>Its request was already answered.</summary>
    Duplicate,

    /// <summary>
    /// Some of its partitions were already counted (a re-ask or a speculative copy answered first), so its sum, which
    /// cannot be split, is dropped; the rest of its partitions are asked again on their own.
    /// </summary>
    Overlap,
}
