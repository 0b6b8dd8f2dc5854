using AiMass.Seed.Hosting;

namespace AiMass.Seed.Transfers;

/// <summary>How payloads travel in chunks (<see cref="ChunkSenderActor"/>, <see cref="ChunkReceiver"/>).</summary>
/// <param name="ChunkBytes">Largest chunk.</param>
/// <param name="Window">Chunks sent before the first of them must be acknowledged.</param>
/// <param name="ResendInterval">A transfer with no acknowledgement for this long sends its unacknowledged chunks
/// again.</param>
/// <param name="MaxResends">Resends without progress before the transfer fails.</param>
/// <param name="MaxPayloadBytes">Largest payload a node sends or takes.</param>
public sealed record TransferSettings(
    int ChunkBytes, int Window, TimeSpan ResendInterval, int MaxResends, long MaxPayloadBytes)
{
    /// <summary>
    /// The transfer settings of a node: chunks of <see cref="NodeSettings.ChunkBytes"/>, but never more than half a
    /// remoting frame (<see cref="NodeSettings.MaxFrameBytes"/>), so a chunk with its envelope always fits.
    /// </summary>
    public static TransferSettings From(NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new TransferSettings(
            Math.Max(1024, Math.Min(settings.ChunkBytes, settings.MaxFrameBytes / 2)), settings.TransferWindow,
            settings.ResendInterval, settings.MaxResends, settings.MaxPayloadBytes);
    }

    /// <summary>Chunks of a payload of <paramref name="bytes"/> bytes.</summary>
    public int ChunkCount(long bytes) => (int)Math.Max(1, (bytes + ChunkBytes - 1) / ChunkBytes);
}
