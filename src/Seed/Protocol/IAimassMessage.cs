namespace AiMass.Seed.Protocol;

/// <summary>Marker of every message that crosses the network; all are bound to the binary
/// <see cref="Serialization.AimassSerializer"/> (never the JSON fallback).</summary>
public interface IAimassMessage;
