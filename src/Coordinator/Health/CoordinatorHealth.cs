using Akka.Hosting;
using AiMass.Coordinator.Api;
using AiMass.Coordinator.Persistence;
using AiMass.Seed.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiMass.Coordinator.Health;

/// <summary>
/// What a coordinator adds to <c>/readyz</c>: the job manager singleton answers (wherever it runs; the lookup of
/// <see cref="JobManagerGate"/>), and this node's job store answers (<see cref="JobStoreProbe"/>).
/// </summary>
public static class CoordinatorHealth
{
    /// <summary>Registers both readiness checks.</summary>
    public static AkkaConfigurationBuilder WithCoordinatorHealthChecks(
        this AkkaConfigurationBuilder builder, IJobStore store)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(store);
        return builder
            .WithHealthCheck(
                "coordinator.job-manager",
                async (system, _, _) => await JobManagerGate.Locate(system) is { } problem
                    ? HealthCheckResult.Unhealthy(problem)
                    : HealthCheckResult.Healthy("the job manager answers"),
                tags: [NodeHealth.ReadinessTag])
            .WithHealthCheck(
                "coordinator.job-store", (_, _, cancellation) => JobStoreProbe.CheckAsync(store, cancellation),
                tags: [NodeHealth.ReadinessTag]);
    }
}
