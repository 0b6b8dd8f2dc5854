using Akka.Actor;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Tests.Jobs.Support;

/// <summary>
/// A partition region whose <c>Tell</c> throws when a job asks step <c>throwAtStep</c> — so the job actor throws
/// inside its handler, as any bug would — and forwards everything else to a real region.
/// </summary>
public sealed class ThrowingRegion(IActorRef inner, int throwAtStep) : MinimalActorRef
{
    /// <inheritdoc />
    public override ActorPath Path { get; } = inner.Path / "throwing";

    /// <inheritdoc />
    public override IActorRefProvider Provider => ((IInternalActorRef)inner).Provider;

    /// <inheritdoc />
    protected override void TellInternal(object message, IActorRef sender)
    {
        if (message is PartitionCommands.ComputeStatistics { Step: var step } && step == throwAtStep)
        {
            throw new InvalidOperationException($"injected: the region broke at step {step}");
        }

        inner.Tell(message, sender);
    }
}
