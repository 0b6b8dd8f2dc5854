using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AiMass.Coordinator.Api;
using AiMass.Coordinator.Nodes;
using AiMass.Coordinator.Tests.Support;

namespace AiMass.Coordinator.Tests.Api;

/// <summary>The API's guard, on a coordinator in this process: bearer token, body limits, malformed input.</summary>
public sealed class ApiSecurityTests(CoordinatorFixture cluster) : IClassFixture<CoordinatorFixture>
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "api/jobs" },
        { "POST", "api/jobs" },
        { "GET", "api/jobs/some-job" },
        { "POST", "api/jobs/some-job/cancel" },
        { "GET", "api/jobs/some-job/model" },
        { "GET", "api/jobs/some-job/events" },
        { "GET", "api/cluster" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_endpoint_refuses_a_call_without_the_token_or_with_a_wrong_one(string method, string path)
    {
        using var none = cluster.Http(null);
        using var wrong = cluster.Http("not-the-token-0123456789");

        using var withoutToken = await none.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        using var withWrongToken = await wrong.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal("Bearer", withoutToken.Headers.WwwAuthenticate.Single().Scheme);
        Assert.StartsWith("this API needs the header 'Authorization: Bearer TOKEN'", (await Error(withoutToken)).Error);
        Assert.Equal(HttpStatusCode.Unauthorized, withWrongToken.StatusCode);
        var refusal = await Error(withWrongToken);
        Assert.StartsWith("the API token is not this coordinator's", refusal.Error);
        Assert.True(refusal.InputError);
    }

    [Fact]
    public async Task The_right_token_is_accepted_and_one_differing_in_its_last_character_is_not()
    {
        var near = cluster.Token[..^1] + (cluster.Token[^1] == 'A' ? 'B' : 'A');
        using var right = cluster.Http(cluster.Token);
        using var almost = cluster.Http(near);

        using var jobs = await right.GetAsync("api/jobs");
        using var view = await right.GetAsync("api/cluster");
        using var refused = await almost.GetAsync("api/jobs");

        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_job_larger_than_the_limit_is_413_before_it_is_read()
    {
        using var http = cluster.Http(cluster.Token);
        using var body = new ByteArrayContent(new byte[CoordinatorFixture.MaxRequestBytes + 1]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        // Expect: 100-continue, so the client waits for the verdict before it sends the body: the server answers
        // 413 without reading it, and a client already writing would race the closing connection (broken pipe).
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/jobs") { Content = body };
        request.Headers.ExpectContinue = true;

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(
            $"the request body is {CoordinatorFixture.MaxRequestBytes + 1} bytes; this call takes at most " +
            $"{CoordinatorFixture.MaxRequestBytes} bytes (ApiMaxRequestBytes in the coordinator's settings bounds " +
            "job submissions)", (await Error(response)).Error);
    }

    [Fact]
    public async Task A_chunked_job_without_a_length_is_cut_at_the_limit_with_413()
    {
        using var http = cluster.Http(cluster.Token);
        // Just over the limit: what the server leaves unread fits the socket buffers, so the client finishes
        // writing before the connection closes (a body far over it would race the close: broken pipe).
        var json = "{\"data\":\"" + new string('a', (int)CoordinatorFixture.MaxRequestBytes + 16_384) + "\"}";
        using var body = new UnknownLengthContent(Encoding.UTF8.GetBytes(json));

        using var response = await http.PostAsync("api/jobs", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.StartsWith("the request body is larger than allowed; this call takes at most 1048576 bytes",
            (await Error(response)).Error);
    }

    [Fact]
    public async Task Calls_other_than_submission_take_small_bodies_only()
    {
        using var http = cluster.Http(cluster.Token);
        using var body = new ByteArrayContent(new byte[ApiBodyLimits.SmallBodyBytes + 1]);

        using var response = await http.PostAsync("api/jobs/some-job/cancel", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Malformed_JSON_is_400_and_a_body_that_is_not_JSON_is_415()
    {
        using var http = cluster.Http(cluster.Token);
        using var broken = new StringContent(
            "{\"data\": \"x.npy\", \"components\": ", Encoding.UTF8, "application/json");
        using var text = new StringContent("data=x.npy", Encoding.UTF8, "text/plain");

        using var malformed = await http.PostAsync("api/jobs", broken);
        using var notJson = await http.PostAsync("api/jobs", text);

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var error = await Error(malformed);
        Assert.StartsWith("The job is not valid JSON: ", error.Error);
        Assert.True(error.InputError);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Equal("Send the job as JSON (Content-Type: application/json).", (await Error(notJson)).Error);
    }

    [Fact]
    public async Task An_unknown_field_in_a_job_is_400_naming_the_field_and_no_job_is_created()
    {
        using var http = cluster.Http(cluster.Token);
        var data = JsonSerializer.Serialize(cluster.Data);
        var job = $$"""{"data": {{data}}, "components": 2, "max_iters": 1, "tol": 0}""";
        using var body = new StringContent(job, Encoding.UTF8, "application/json");
        var before = await JobCount(http);

        using var response = await http.PostAsync("api/jobs", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await Error(response);
        Assert.StartsWith("the job has an unknown field 'max_iters'; the fields are model, data, ", error.Error);
        Assert.Contains(", max_iter, ", error.Error);
        Assert.True(error.InputError);
        Assert.Equal(before, await JobCount(http));
    }

    [Fact]
    public void The_API_listens_on_loopback_unless_told_otherwise()
    {
        Assert.Equal("127.0.0.1", cluster.ApiAddress.Host);
        Assert.True(NodeHosts.IsLoopback(new Seed.Hosting.NodeSettings().ApiUrl));
        Assert.True(NodeHosts.IsLoopback("http://localhost:5080"));
        Assert.True(NodeHosts.IsLoopback("http://[::1]:5080"));
        Assert.False(NodeHosts.IsLoopback("http://0.0.0.0:5080"));
        Assert.False(NodeHosts.IsLoopback("http://10.1.2.3:5080"));
    }

    [Fact]
    public void A_client_command_without_the_token_is_exit_code_2_with_the_remedy()
    {
        // AIMASS_TOKEN or a local token file on the developer's machine would make it a wrong token: the same
        // exit code and remedy.
        var run = CliRun.Of(["jobs", "--coordinator", cluster.Coordinator]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(
            @"^aimass: the coordinator at http://127\.0\.0\.1:\d+ (requires|refused) (an|the) API token", line);
        Assert.Contains("; give it with --token or AIMASS_TOKEN (", line);
    }

    [Fact]
    public void A_wrong_token_is_exit_code_2_and_says_where_the_token_came_from()
    {
        var run = CliRun.Of(["cluster", "--coordinator", cluster.Coordinator, "--token", "wrong-token-0123456789"]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(
            $"aimass: the coordinator at {cluster.Coordinator} refused the API token from --token; give it with " +
            "--token or AIMASS_TOKEN", run.Error);
    }

    private static async Task<int> JobCount(HttpClient http) =>
        JsonDocument.Parse(await http.GetStringAsync("api/jobs")).RootElement.GetProperty("jobs").GetArrayLength();

    private static async Task<ApiError> Error(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<ApiError>(await response.Content.ReadAsStringAsync(), ApiJson.Options)!;

    /// <summary>A body sent chunked: its length is not known in advance.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnknownLengthContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
