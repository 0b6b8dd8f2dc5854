using AiMass.Coordinator.Api;
using AiMass.Coordinator.Client;
using AiMass.Coordinator.Tests.Support;
using AiMass.Seed.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiMass.Coordinator.Tests.Client;

/// <summary>
/// The client waits for a coordinator that answers 503 with Retry-After (starting, or its job manager moving), on
/// a fake API on loopback that answers 503 a given number of times before it answers for real.
/// </summary>
public sealed class RetryTests
{
    private const string NotReady = "the job manager is starting on the coordinator akka.tcp://aimass@10.0.0.1:4053";

    [Fact]
    public async Task A_client_command_waits_through_two_503s_says_so_once_and_succeeds()
    {
        await using var api = await FakeApi.StartAsync(unavailable: 2, retryAfter: "0");

        var run = CliRun.Of(["jobs", "--coordinator", api.Address, "--token", "fake-token-0123456789"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("no jobs yet", run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.Equal($"aimass: waiting up to 30 s for the coordinator at {api.Address}: {NotReady}", line);
        Assert.Equal(3, api.Requests);
    }

    [Fact]
    public async Task A_submission_is_sent_again_whole_after_a_503()
    {
        await using var api = await FakeApi.StartAsync(unavailable: 2, retryAfter: "0");
        using var notices = new StringWriter();
        using var client = new CoordinatorClient(new Uri(api.Address + "/")) { Notices = notices };

        var id = await client.SubmitAsync(new FitSpec { Data = "/data/x.npy", Components = 3 }, CancellationToken.None);

        Assert.Equal("job-1", id);
        Assert.Equal(3, api.Bodies.Count);
        Assert.All(api.Bodies, b => Assert.Contains("\"data\":\"/data/x.npy\"", b));
        Assert.Single(notices.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_503_without_Retry_After_is_not_retried()
    {
        await using var api = await FakeApi.StartAsync(unavailable: 5, retryAfter: null);
        using var client = new CoordinatorClient(new Uri(api.Address + "/"));

        var e = await Assert.ThrowsAsync<CoordinatorException>(() => client.JobsAsync(CancellationToken.None));

        Assert.Equal(NotReady, e.Message);
        Assert.Equal(1, api.Requests);
    }

    [Fact]
    public async Task A_coordinator_that_stays_unavailable_ends_the_wait_at_the_deadline_with_its_reason()
    {
        await using var api = await FakeApi.StartAsync(unavailable: int.MaxValue, retryAfter: "0");
        using var client = new CoordinatorClient(new Uri(api.Address + "/"))
        {
            // Long enough for the first answer on a loaded machine (else it is "did not answer within").
            QueryDeadline = TimeSpan.FromSeconds(5),
        };

        var e = await Assert.ThrowsAsync<CoordinatorException>(() => client.JobsAsync(CancellationToken.None));

        Assert.Equal($"the coordinator at {api.Address} was still not ready after 5 s: {NotReady}; check " +
            "'aimass cluster' and its log", e.Message);
        Assert.True(api.Requests >= 2, $"{api.Requests} requests");
    }

    /// <summary>Answers 503 (an ApiError, Retry-After if given) <c>unavailable</c> times, then for real.</summary>
    private sealed class FakeApi : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _requests;

        private FakeApi(WebApplication app) => _app = app;

        public string Address => _app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        public int Requests => Volatile.Read(ref _requests);

        public List<string> Bodies { get; } = [];

        public static async Task<FakeApi> StartAsync(int unavailable, string? retryAfter)
        {
            var web = WebApplication.CreateSlimBuilder();
            web.WebHost.UseUrls("http://127.0.0.1:0");
            web.Logging.ClearProviders();
            var app = web.Build();
            var fake = new FakeApi(app);
            app.Use(async (context, next) =>
            {
                if (HttpMethods.IsPost(context.Request.Method))
                {
                    var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
                    lock (fake.Bodies)
                    {
                        fake.Bodies.Add(body);
                    }
                }

                if (Interlocked.Increment(ref fake._requests) > unavailable)
                {
                    await next(context);
                    return;
                }

                if (retryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = retryAfter;
                }

                await ApiErrors.Write(context, StatusCodes.Status503ServiceUnavailable, NotReady, false);
            });
            app.MapGet("/api/jobs", () => Results.Text("""{"jobs":[]}""", "application/json"));
            app.MapPost("/api/jobs", () => Results.Text("""{"job_id":"job-1"}""", "application/json", statusCode: 201));
            await app.StartAsync();
            return fake;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
