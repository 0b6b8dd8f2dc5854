using System.Net;
using System.Text.Json;
using Akka.Actor;
using AiMass.Coordinator.Tests.Support;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Tests.Api;

/// <summary>
/// A <see cref="CoordinatorFixture"/> with one job that keeps running (tol 0, many iterations) for requests
/// without the token to try to cancel; asks the job manager directly what the API did.
/// </summary>
public sealed class GuardedApiFixture : IAsyncLifetime
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The cluster and its API.</summary>
    public CoordinatorFixture Cluster { get; } = new();

    /// <summary>The job that runs while the tests do.</summary>
    public string LiveJob { get; private set; } = "";

    /// <summary>A job the API accepts: the fixture's data, one iteration.</summary>
    public string SmallJob =>
        $$"""{"data": {{JsonSerializer.Serialize(Cluster.Data)}}, "components": 2, "max_iter": 1}""";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await Cluster.InitializeAsync();
        var data = JsonSerializer.Serialize(Cluster.Data);
        var job = $$"""{"data": {{data}}, "components": 3, "max_iter": 100000, "tol": 0}""";
        var answer = await RawHttp.SendAsync(
            Cluster.ApiAddress, "POST", "/api/jobs", $"Bearer {Cluster.Token}", job);
        Assert.True(answer.Status == (int)HttpStatusCode.Created, answer.Body);
        LiveJob = JsonDocument.Parse(answer.Body).RootElement.GetProperty("job_id").GetString()!;
    }

    /// <summary>Every job id the job manager knows, sorted.</summary>
    public async Task<string[]> JobIdsAsync()
    {
        var list = await Cluster.JobManager.Ask<JobQueries.JobList>(new JobQueries.GetJobs(), AskTimeout);
        return list.Jobs.Select(j => j.JobId).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The live job's status, from the job manager.</summary>
    public async Task<JobStatus> LiveStatusAsync()
    {
        var reply = await Cluster.JobManager.Ask<object>(new JobQueries.GetJob(LiveJob, int.MaxValue), AskTimeout);
        return Assert.IsType<JobQueries.JobStatusReply>(reply).Status;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (LiveJob.Length > 0)
        {
            await Cluster.JobManager.Ask<object>(new JobCommands.CancelJob(LiveJob), AskTimeout);
        }

        await Cluster.DisposeAsync();
    }
}
