using Akka.Cluster.Hosting;
using Akka.Hosting;
using AiMass.Coordinator.Persistence;
using AiMass.Seed.Hosting;

namespace AiMass.Coordinator.Jobs;

/// <summary>The coordinator role: the job manager singleton (its job actors reach the workers' node actors by
/// address).</summary>
public static class CoordinatorRole
{
    /// <summary>
    /// The job manager singleton's options: role coordinator, and no "cannot find the singleton" warning from the
    /// proxy — a forming cluster legitimately has none for a few seconds, and clients report a missing manager.
    /// </summary>
    public static ClusterSingletonOptions SingletonOptions() => new()
    {
        Role = "coordinator",
        SingletonIdentificationFailurePeriod = TimeSpan.FromMinutes(1),
        LogSingletonIdentificationFailure = false,
    };

    /// <summary>
    /// The job store: PostgreSQL when a connection string is configured (shared by every coordinator that uses
    /// it), else SQLite in the data directory, else memory.
    /// </summary>
    public static IJobStore CreateStore(NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.JobStoreConnection is { } connection)
        {
            return new PostgresJobStore(connection);
        }

        return settings.DataDirectory is { } dir
            ? new SqliteJobStore(Path.Combine(dir, "jobs.db"))
            : new MemoryJobStore();
    }

    /// <summary>Adds the coordinator role.</summary>
    public static AkkaConfigurationBuilder WithCoordinatorRole(
        this AkkaConfigurationBuilder builder, NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        // One store per node, opened now: a store that cannot be used stops the node at start with its message,
        // and the singleton, wherever it moves back and forth, shares one connection pool.
        var store = CreateStore(settings);
        return builder.WithSingleton<JobManagerKey>(
            Worker.Hosting.WorkerRole.JobManagerName,
            (_, _, _) => JobManagerActor.Props(new JobServices(settings, store)),
            SingletonOptions(),
            createProxyToo: !settings.Roles.Contains("worker"));
    }
}
