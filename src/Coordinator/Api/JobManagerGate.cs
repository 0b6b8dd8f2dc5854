using Akka.Actor;
using Akka.Cluster;
using AiMass.Coordinator.Jobs;
using AiMass.Worker.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiMass.Coordinator.Api;

/// <summary>
/// An endpoint filter on every endpoint that asks the job manager: first it looks the singleton up where the
/// singleton proxy would (the oldest coordinator-role member that is up), with a short Identify. When it is not
/// there — while a restarted coordinator waits for it, about 25 s — the call answers 503 with <c>Retry-After</c>
/// at once instead of hanging in the proxy's buffer until the ask times out.
/// </summary>
public static class JobManagerGate
{
    /// <summary>How long the lookup waits for the singleton's answer.</summary>
    public static readonly TimeSpan IdentifyTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The filter.</summary>
    public static async ValueTask<object?> Filter(
        EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(next);
        var context = invocation.HttpContext;
        var refusal = await Locate(context.RequestServices.GetRequiredService<ActorSystem>());
        return refusal is null ? await next(invocation) : ApiExceptions.Unavailable(context, refusal);
    }

    /// <summary>Null when the job manager answers an Identify; else why the API cannot reach it now.</summary>
    public static async Task<string?> Locate(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var cluster = Cluster.Get(system);
        if (Oldest(cluster.State) is not { } oldest)
        {
            return "the job manager is not running yet: this coordinator has not joined the cluster, or no " +
                "coordinator is up; retry in a few seconds";
        }

        if (cluster.State.Unreachable.Contains(oldest))
        {
            return $"the coordinator {oldest.Address}, which holds the job manager, is unreachable; once it is " +
                "downed (after StableAfter) the job manager starts on the next coordinator; retry in a few seconds";
        }

        // Akka.Hosting names the manager and its singleton child alike: /user/job-manager/job-manager.
        var path = new RootActorPath(oldest.Address) / "user" / WorkerRole.JobManagerName
            / WorkerRole.JobManagerName;
        try
        {
            var identity = await system.ActorSelection(path).Ask<ActorIdentity>(new Identify(null), IdentifyTimeout);
            return identity.Subject is null
                ? $"the job manager is starting on the coordinator {oldest.Address} (after a restart or fail-over " +
                  "this takes about as long as StableAfter); retry in a few seconds"
                : null;
        }
        catch (AskTimeoutException)
        {
            return $"the job manager on the coordinator {oldest.Address} did not answer within " +
                $"{IdentifyTimeout.TotalSeconds:F0} s (it may have crashed and not been downed yet); retry in a few " +
                "seconds";
        }
    }

    /// <summary>
    /// Where the singleton lives, as ClusterSingletonProxy tracks it: the oldest member of the coordinator role
    /// from Up until it exits.
    /// </summary>
    private static Member? Oldest(ClusterEvent.CurrentClusterState state)
    {
        var role = CoordinatorRole.SingletonOptions().Role!;
        return state.Members
            .Where(m => m.HasRole(role) && m.Status is MemberStatus.Up or MemberStatus.Leaving)
            .OrderBy(m => m, Member.AgeOrdering)
            .FirstOrDefault();
    }
}
