using System.Text.Json;
using Akka.Hosting;
using AiMass.Seed.Protocol;
using Microsoft.AspNetCore.Http;

namespace AiMass.Coordinator.Api;

/// <summary>
/// <c>GET /api/jobs/{id}/events</c>: newline-delimited JSON — one <c>{"type":"status",…}</c> line whenever the
/// job's state or partitions-done changes, one <c>{"type":"iteration",…}</c> line per iteration — until the job ends.
/// </summary>
public static class ProgressStream
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Streams the job's progress.</summary>
    public static async Task Write(string id, HttpContext context, ActorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        var seen = 0;
        (JobState, int)? last = null;
        while (!context.RequestAborted.IsCancellationRequested)
        {
            var reply = await CoordinatorApi.Ask<object>(
                registry, new JobQueries.GetJob(id, seen), TimeSpan.FromSeconds(15));
            if (reply is not JobQueries.JobStatusReply { Status: var status })
            {
                response.StatusCode = 404;
                await response.WriteAsJsonAsync(new ApiError($"No job '{id}'.", true), ApiJson.Options);
                return;
            }

            if (!response.HasStarted)
            {
                // Headers are sent with the first line; setting them again on a later poll throws.
                response.ContentType = "application/x-ndjson";
            }

            foreach (var entry in status.History)
            {
                await Line(response, new { type = "iteration", entry });
            }

            seen += status.History.Count;
            if (last != (status.State, status.PartitionsDone) || status.IsFinal)
            {
                last = (status.State, status.PartitionsDone);
                await Line(response, new { type = "status", status = status with { History = [] } });
            }

            if (status.IsFinal)
            {
                return;
            }

            await Task.Delay(Poll, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static async Task Line(HttpResponse response, object value)
    {
        await response.WriteAsync(JsonSerializer.Serialize(value, ApiJson.Options) + "\n");
        await response.Body.FlushAsync();
    }
}
