using Akka.Actor;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiMass.Cluster.Tests.Support;

/// <summary>Submits and follows jobs on an in-process <see cref="EmbeddedCluster"/>.</summary>
public static class ClusterJobs
{
    /// <summary>Submits <paramref name="spec"/> and returns the job id (the submission must be accepted).</summary>
    public static async Task<string> SubmitAsync(EmbeddedCluster cluster, FitSpec spec)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var reply = await cluster.JobManager.Ask<object>(new JobCommands.SubmitJob(spec), TimeSpan.FromSeconds(60));
        return Assert.IsType<JobCommands.JobSubmitted>(reply).JobId;
    }

    /// <summary>Polls the job's status until <paramref name="condition"/> holds (at most
    /// <paramref name="timeout"/>, default 2 minutes).</summary>
    public static async Task<JobStatus> WaitForAsync(
        EmbeddedCluster cluster, string id, Func<JobStatus, bool> condition, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var reply = await cluster.JobManager.Ask<object>(new JobQueries.GetJob(id), TimeSpan.FromSeconds(5));
                if (reply is JobQueries.JobStatusReply { Status: var status } && condition(status))
                {
                    return status;
                }
            }
            catch (AskTimeoutException)
            {
                // The singleton is moving between coordinators; ask again.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Job {id} did not reach the expected state in time.");
    }

    /// <summary>Submits <paramref name="spec"/> and waits (at most 2 minutes) until the job is final.</summary>
    public static async Task<JobStatus> RunAsync(EmbeddedCluster cluster, FitSpec spec)
    {
        var id = await SubmitAsync(cluster, spec);
        return await WaitForAsync(cluster, id, s => s.IsFinal);
    }

    /// <summary>The model of a succeeded job.</summary>
    public static async Task<GaussianMixtureParameters> ModelAsync(EmbeddedCluster cluster, string id)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var model = await cluster.JobManager.Ask<JobQueries.JobModel>(
            new JobQueries.GetJobModel(id), TimeSpan.FromSeconds(10));
        Assert.True(model.ModelJson is not null, model.Problem);
        return (GaussianMixtureParameters)ModelFile.Parse(model.ModelJson!, $"job {id}");
    }

    /// <summary>
    /// A worker that holds at least one partition of <paramref name="job"/>, as the workers advertise them (set a
    /// short <c>AdvertiseInterval</c>); waits until all <paramref name="partitions"/> partitions are placed.
    /// </summary>
    public static async Task<IHost> HolderAsync(EmbeddedCluster cluster, string job, int partitions)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var view = await cluster.JobManager.Ask<ClusterQueries.ClusterView>(
                new ClusterQueries.GetClusterView(), TimeSpan.FromSeconds(5));
            var held = view.Members.ToDictionary(
                m => m.Address, m => m.Partitions.Count(p => p.StartsWith($"{job}/", StringComparison.Ordinal)));
            if (held.Values.Sum() == partitions)
            {
                return cluster.Workers.First(w => held.GetValueOrDefault(AddressOf(w)) > 0);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The partitions of job {job} were not all advertised within 60 s.");
    }

    /// <summary>The cluster address of a node host.</summary>
    public static string AddressOf(IHost node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Akka.Cluster.Cluster.Get(node.Services.GetRequiredService<ActorSystem>()).SelfAddress.ToString();
    }
}
