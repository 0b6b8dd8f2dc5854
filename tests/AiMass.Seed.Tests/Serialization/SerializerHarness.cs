using Akka.Actor;
using AiMass.Seed.Serialization;

namespace AiMass.Seed.Tests.Serialization;

/// <summary>An <see cref="AimassSerializer"/> over a throw-away actor system, and the round trip through it.</summary>
public sealed class SerializerHarness : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("serializer-tests");

    /// <summary>Creates the serializer.</summary>
    public SerializerHarness()
    {
        Serializer = new AimassSerializer((ExtendedActorSystem)_system);
    }

    /// <summary>The serializer under test.</summary>
    public AimassSerializer Serializer { get; }

    /// <summary>Serializes <paramref name="message"/> and reads it back by its manifest; returns both.</summary>
    public (T Back, byte[] Bytes) RoundTrip<T>(T message)
        where T : notnull
    {
        var bytes = Serializer.ToBinary(message);
        var back = Serializer.FromBinary(bytes, Serializer.Manifest(message));
        return (Assert.IsType<T>(back), bytes);
    }

    /// <inheritdoc />
    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
