using System.Runtime.Serialization;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using Akka.Util;
using AiMass.Seed.Hosting;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;

namespace AiMass.Seed.Tests.Serialization;

/// <summary>Only the project's message types (and Akka's own) deserialize: nothing is built by name.</summary>
public sealed class ForeignMessageTests
{
    private const string Remoting =
        "akka.actor.provider = remote\nakka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }";

    [Fact]
    public void The_AiMass_serializer_refuses_a_manifest_outside_its_table()
    {
        using var system = Node("table");
        var serializer = Assert.IsType<AimassSerializer>(
            system.Serialization.FindSerializerForType(typeof(JobQueries.GetJobs)));

        var e = Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "System.Object"));

        Assert.Equal("Unknown AiMass message manifest 'System.Object'.", e.Message);
    }

    [Fact]
    public void A_message_of_a_type_nobody_bound_cannot_be_sent()
    {
        using var system = Node("send");

        var e = Assert.Throws<SerializationException>(() => system.Serialization.FindSerializerFor(new Gadget()));

        Assert.Contains("No serializer binding found for type Gadget", e.Message);
    }

    [Fact]
    public void A_JSON_payload_naming_a_foreign_type_is_refused_without_building_it()
    {
        using var plain = ActorSystem.Create("plain");
        using var node = Node("receive");
        var gadget = new Gadget { Command = "rm -rf /" };
        var json = plain.Serialization.FindSerializerFor(gadget);
        var bytes = json.ToBinary(gadget);
        var built = Gadget.Built;

        var e = Assert.Throws<SerializationException>(
            () => node.Serialization.Deserialize(bytes, json.Identifier, typeof(Gadget).TypeQualifiedName()));

        Assert.Equal(ForeignMessageSerializer.JsonSerializerId, json.Identifier);
        Assert.StartsWith("Refused a JSON payload of type AiMass.Seed.Tests.Serialization.Gadget", e.Message);
        Assert.Equal(built, Gadget.Built);
    }

    [Fact]
    public async Task A_foreign_message_sent_over_remoting_is_dropped_and_the_connection_still_carries_the_next_one()
    {
        using var sender = ActorSystem.Create("sender", ConfigurationFactory.ParseString(Remoting));
        using var receiver = Node("receiver", Remoting);
        var inbox = Channel.CreateUnbounded<object>();
        receiver.ActorOf(Props.Create(() => new InboxActor(inbox.Writer)), "inbox");
        var address = ((ExtendedActorSystem)receiver).Provider.DefaultAddress;
        var target = sender.ActorSelection($"{address}/user/inbox");
        var gadget = new Gadget { Command = "calc.exe" };
        var built = Gadget.Built;

        target.Tell(gadget);
        target.Tell("after the gadget");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var first = await inbox.Reader.ReadAsync(timeout.Token);
        Assert.Equal("after the gadget", first);
        Assert.Equal(built, Gadget.Built);
    }

    private static ActorSystem Node(string name, string extra = "") => ActorSystem.Create(
        name, ConfigurationFactory.ParseString(extra + "\n" + AimassAkka.Hocon(new NodeSettings())));

    private sealed class InboxActor : ReceiveActor
    {
        public InboxActor(ChannelWriter<object> inbox) => ReceiveAny(message => inbox.TryWrite(message));
    }
}

/// <summary>A type outside the protocol whose construction a test sees (as a gadget's would run).</summary>
public sealed class Gadget
{
    private static int _built;

    /// <summary>Counts constructions.</summary>
    public Gadget() => Interlocked.Increment(ref _built);

    /// <summary>How many were built in this process.</summary>
    public static int Built => Volatile.Read(ref _built);

    /// <summary>A payload.</summary>
    public string Command { get; set; } = "";
}
