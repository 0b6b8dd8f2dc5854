using Akka.Actor;
using Akka.Hosting;
using AiMass.Seed.Hosting;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace AiMass.Coordinator.Api;

/// <summary>
/// The coordinator's HTTP API (127.0.0.1 by default): submit, list, status, progress stream, cancel, delete, model
/// download and cluster view — a thin layer that asks the job manager singleton. Every call needs the bearer token
/// (<see cref="ApiAuthentication"/>), bodies are bounded (<see cref="ApiBodyLimits"/>), and a job manager that is
/// not there yet is 503 at once (<see cref="JobManagerGate"/>).
/// </summary>
public static class CoordinatorApi
{
    /// <summary>A submission is answered once the dataset's header is checked; planning goes on afterwards.</summary>
    private static readonly TimeSpan SubmitTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Maps every endpoint under <c>/api</c>.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api").AddEndpointFilter(JobManagerGate.Filter);
        api.MapPost("/jobs", Submit).WithMetadata(ApiBodyLimits.LargeBody.Instance);
        api.MapGet("/jobs", async (ActorRegistry registry) =>
            Json(await Ask<JobQueries.JobList>(registry, new JobQueries.GetJobs(), QueryTimeout)));
        api.MapGet("/jobs/{id}", async (string id, int? since, ActorRegistry registry) =>
            Reply(await Ask<object>(registry, new JobQueries.GetJob(id, since ?? 0), QueryTimeout)));
        api.MapPost("/jobs/{id}/cancel", async (string id, ActorRegistry registry) =>
            Reply(await Ask<object>(registry, new JobCommands.CancelJob(id), QueryTimeout)));
        api.MapDelete("/jobs/{id}", async (string id, ActorRegistry registry) =>
            Deleted(await Ask<object>(registry, new JobCommands.DeleteJob(id), QueryTimeout)));
        api.MapGet("/jobs/{id}/model", Model);
        api.MapGet("/jobs/{id}/events", ProgressStream.Write);
        api.MapGet("/cluster", async (ActorRegistry registry) =>
            Json(await Ask<ClusterQueries.ClusterView>(registry, new ClusterQueries.GetClusterView(), QueryTimeout)));
    }

    /// <summary>Asks the job manager singleton.</summary>
    public static Task<T> Ask<T>(ActorRegistry registry, object message, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Get<JobManagerKey>().Ask<T>(message, timeout);
    }

    private static async Task<IResult> Submit(HttpRequest request, ActorRegistry registry)
    {
        FitSpec? spec;
        try
        {
            spec = await request.ReadFromJsonAsync<FitSpec>(ApiJson.Strict);
        }
        catch (System.Text.Json.JsonException e)
        {
            return ApiErrors.Result(400, FitSpecChecks.JsonProblem(e), true);
        }
        catch (InvalidOperationException) when (!request.HasJsonContentType())
        {
            return Results.Json(new ApiError("Send the job as JSON (Content-Type: application/json).", true),
                ApiJson.Options, statusCode: 415);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiBodyLimits.TooLarge(null, request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?
                .MaxRequestBodySize ?? 0);
        }

        if (spec is null || string.IsNullOrWhiteSpace(spec.Data))
        {
            return Results.Json(new ApiError("The job needs a \"data\" path.", true), ApiJson.Options, statusCode: 400);
        }

        if (FitSpecChecks.PathProblem(spec) is { } problem)
        {
            return ApiErrors.Result(400, problem, true);
        }

        var reply = await Ask<object>(registry, new JobCommands.SubmitJob(spec), SubmitTimeout);
        return reply switch
        {
            JobCommands.JobSubmitted ok => Results.Json(ok, ApiJson.Options, statusCode: 201),
            JobCommands.JobRejected no => Results.Json(new ApiError(no.Message, no.IsInputError), ApiJson.Options,
                statusCode: no.IsInputError ? 400 : 503),
            _ => ApiErrors.Unexpected(reply),
        };
    }

    private static async Task<IResult> Model(string id, ActorRegistry registry)
    {
        var reply = await Ask<object>(registry, new JobQueries.GetJobModel(id), QueryTimeout);
        return reply switch
        {
            JobQueries.JobModel { ModelJson: { } json } => Results.Text(json, "application/json"),
            JobQueries.JobModel model =>
                Results.Json(new ApiError(model.Problem!, false), ApiJson.Options, statusCode: 409),
            _ => NotFound(id),
        };
    }

    private static IResult Reply(object reply) => reply switch
    {
        JobQueries.JobStatusReply status => Json(status.Status),
        JobCommands.JobNotFound missing => NotFound(missing.JobId),
        _ => ApiErrors.Unexpected(reply),
    };

    private static IResult Deleted(object reply) => reply switch
    {
        JobCommands.JobDeleted deleted => Json(deleted),
        JobCommands.JobNotDeleted { StillRunning: true } no =>
            Results.Json(new ApiError(no.Message, true), ApiJson.Options, statusCode: 409),
        JobCommands.JobNotDeleted no => Results.Json(new ApiError(no.Message, false), ApiJson.Options, statusCode: 503),
        JobCommands.JobNotFound missing => NotFound(missing.JobId),
        _ => Results.StatusCode(500),
    };

    private static IResult NotFound(string id) =>
        Results.Json(new ApiError($"No job '{id}'; 'aimass jobs' lists them.", true), ApiJson.Options, statusCode: 404);

    private static IResult Json(object value) => Results.Json(value, ApiJson.Options);
}
