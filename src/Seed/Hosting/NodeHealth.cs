using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiMass.Seed.Hosting;

/// <summary>
/// Health of a node, as ASP.NET Core health checks registered through Akka.Hosting: <c>/healthz</c> (liveness:
/// Akka.Hosting's actor-system check, healthy while the ActorSystem runs) and <c>/readyz</c> (readiness: this member
/// is Up in the cluster now, plus what a role adds, e.g. the coordinator's job manager and job store). Akka.Hosting's
/// own cluster readiness check stays healthy once the node has joined, even after it leaves; ours follows the
/// member's status, so a leaving or downed node stops receiving traffic.
/// </summary>
public static class NodeHealth
{
    /// <summary>The liveness path.</summary>
    public const string LivenessPath = "/healthz";

    /// <summary>The readiness path.</summary>
    public const string ReadinessPath = "/readyz";

    /// <summary>The tag of liveness checks (Akka.Hosting's).</summary>
    public const string LivenessTag = "liveness";

    /// <summary>The tag of readiness checks.</summary>
    public const string ReadinessTag = "ready";

    /// <summary>Registers the liveness check and the member-up readiness check.</summary>
    public static AkkaConfigurationBuilder WithAimassHealthChecks(this AkkaConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .WithActorSystemLivenessCheck(tags: ["akka", LivenessTag])
            .WithHealthCheck(
                "cluster.member-up", (system, _, _) => Task.FromResult(MemberUp(system)), tags: [ReadinessTag]);
    }

    /// <summary>Healthy while this node is an Up (or WeaklyUp) member of the cluster.</summary>
    public static HealthCheckResult MemberUp(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var self = Akka.Cluster.Cluster.Get(system).SelfMember;
        return self.Status is Akka.Cluster.MemberStatus.Up or Akka.Cluster.MemberStatus.WeaklyUp
            ? HealthCheckResult.Healthy($"member {self.Address} is {self.Status}")
            : HealthCheckResult.Unhealthy($"member {self.Address} is {self.Status}, not Up");
    }

    /// <summary>Maps <c>/healthz</c> and <c>/readyz</c> (GET); returns their endpoint conventions.</summary>
    public static IReadOnlyList<IEndpointConventionBuilder> Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return
        [
            Get(app, LivenessPath, LivenessTag),
            Get(app, ReadinessPath, ReadinessTag),
        ];
    }

    private static IEndpointConventionBuilder Get(IEndpointRouteBuilder app, string path, string tag)
    {
        var options = new HealthCheckOptions { Predicate = r => r.Tags.Contains(tag), ResponseWriter = Write };
        var pipeline = app.CreateApplicationBuilder()
            .UseMiddleware<HealthCheckMiddleware>(Microsoft.Extensions.Options.Options.Create(options)).Build();
        return app.MapGet(path, pipeline).WithDisplayName($"health {path}");
    }

    /// <summary>
    /// The answer: <c>{"status":"Healthy","checks":[{"name":…,"status":…,"description":…}]}</c>.
    /// </summary>
    private static Task Write(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description ?? e.Value.Exception?.GetType().Name,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
