using Akka.Actor;
using Akka.DependencyInjection;

namespace AiMass.Seed.Metrics;

/// <summary>Holds a node's <see cref="AimassMetrics"/> in its ActorSystem, so actors reach it from their context.
/// </summary>
/// <param name="Metrics">The node's metrics.</param>
public sealed record AimassMetricsExtension(AimassMetrics Metrics) : IExtension;

/// <summary>
/// Creates <see cref="AimassMetricsExtension"/>: the <see cref="AimassMetrics"/> the node's host registered (the
/// one its <c>/metrics</c> exports), or, for an ActorSystem started without a host (unit tests), a new one.
/// </summary>
public sealed class AimassMetricsExtensionProvider : ExtensionIdProvider<AimassMetricsExtension>
{
    /// <inheritdoc />
    public override AimassMetricsExtension CreateExtension(ExtendedActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var setup = system.Settings.Setup.Get<DependencyResolverSetup>();
        var fromHost = setup.HasValue
            ? DependencyResolver.For(system).Resolver.GetService<AimassMetrics>()
            : null;
        return new AimassMetricsExtension(fromHost ?? new AimassMetrics());
    }
}
