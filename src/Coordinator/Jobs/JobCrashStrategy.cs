using Akka.Actor;
using Akka.Actor.Internal;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// The job manager's supervision of its job actors and their store writers: a child that throws is stopped — never
/// restarted, since a restarted job actor would plan its job again from step 0 — and <c>crashed</c> hears which
/// child failed with which exception (on the manager's own thread), so that the manager can fail the job with the
/// exception's message and store that final state.
/// </summary>
public sealed class JobCrashStrategy : OneForOneStrategy
{
    private readonly Action<IActorRef, Exception> _crashed;

    /// <summary>A strategy that stops a failing child and reports it to <paramref name="crashed"/>.</summary>
    public JobCrashStrategy(Action<IActorRef, Exception> crashed)
        : base(_ => Directive.Stop)
    {
        _crashed = crashed;
    }

    /// <inheritdoc />
    public override void ProcessFailure(
        IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats,
        IReadOnlyCollection<ChildRestartStats> children)
    {
        _crashed(child, cause);
        base.ProcessFailure(context, restart, child, cause, stats, children);
    }
}
