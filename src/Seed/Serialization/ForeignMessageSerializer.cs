using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace AiMass.Seed.Serialization;

/// <summary>
/// Stands where Akka's default Newtonsoft JSON serializer stood (the <c>json</c> entry, identifier 1) and refuses
/// everything. Newtonsoft with type names loads and builds whatever type a payload names — a classic
/// deserialization gadget path — so a node never runs it: a message of an unbound type fails to send, and a
/// payload a peer serialized with JSON fails to arrive. The project's messages go through
/// <see cref="AimassSerializer"/>; Akka's own have their protobuf serializers.
/// </summary>
public sealed class ForeignMessageSerializer(ExtendedActorSystem system) : Serializer(system)
{
    /// <summary>Created by Akka with the <c>serialization-settings.json</c> section, which it ignores.</summary>
    public ForeignMessageSerializer(ExtendedActorSystem system, Config config)
        : this(system)
    {
    }

    /// <summary>The identifier of the serializer replaced, so JSON payloads from peers land here.</summary>
    public const int JsonSerializerId = 1;

    /// <inheritdoc />
    public override int Identifier => JsonSerializerId;

    /// <inheritdoc />
    public override bool IncludeManifest => true;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => throw new SerializationException(
        $"{obj?.GetType().FullName ?? "null"} is not an AiMass or Akka message type; nodes send only those " +
        "(bind new protocol types to IAimassMessage).");

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, Type type) => throw new SerializationException(
        $"Refused a JSON payload of type {type?.FullName ?? "(none)"} from a peer: this node deserializes only " +
        "AiMass and Akka message types.");
}
