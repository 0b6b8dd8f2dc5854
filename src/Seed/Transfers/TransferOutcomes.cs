namespace AiMass.Seed.Transfers;

/// <summary>What a <see cref="ChunkSenderActor"/> tells its parent when it is done (local messages).</summary>
public static class TransferOutcomes
{
    /// <summary>Every chunk of transfer <paramref name="TransferId"/> was acknowledged.</summary>
    /// <param name="TransferId">The transfer.</param>
    public sealed record Delivered(Guid TransferId);

    /// <summary>The transfer could not be completed.</summary>
    /// <param name="TransferId">The transfer.</param>
    /// <param name="Reason">Why, for a log line or an error message.</param>
    /// <param name="Refused">True when the receiver refused the payload (sending it again cannot help).</param>
    public sealed record Failed(Guid TransferId, string Reason, bool Refused);
}
