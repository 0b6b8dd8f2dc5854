using System.Text;
using System.Text.Json;
using AiMass.Coordinator.Api;
using AiMass.Coordinator.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace AiMass.Coordinator.Tests.Api;

/// <summary>
/// Requests a client of ours never sends: every error answer the pipeline produces carries an <see cref="ApiError"/>;
/// what Kestrel refuses before the pipeline is pinned down too (docs/SECURITY.md says which).
/// </summary>
public sealed class OddRequestTests(CoordinatorFixture cluster) : IClassFixture<CoordinatorFixture>
{
    private string Bearer => $"Bearer {cluster.Token}";

    [Theory]
    [InlineData("data")]
    [InlineData("sample_weight")]
    [InlineData("lengths")]
    public async Task A_NUL_byte_in_a_file_path_is_400_naming_the_field_and_no_job_is_created(string field)
    {
        var before = await JobCount();
        var job = Job(field, cluster.Data[..5] + "\0" + cluster.Data[5..]);

        var answer = await RawHttp.SendAsync(cluster.ApiAddress, "POST", "/api/jobs", Bearer, job);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.StartsWith($"the \"{field}\" path '", answer.Error!.Error);
        Assert.EndsWith("contains a NUL byte; no file has such a name", answer.Error.Error);
        Assert.Contains("\\u0000", answer.Error.Error);
        Assert.True(answer.Error.InputError);
        Assert.Equal(before, await JobCount());
    }

    [Theory]
    [InlineData("data", "x.npy")]
    [InlineData("data", "../data/x.npy")]
    [InlineData("sample_weight", "weights.npy")]
    [InlineData("lengths", "./lengths.txt")]
    public async Task A_relative_file_path_is_400_must_be_absolute_and_no_job_is_created(string field, string path)
    {
        var before = await JobCount();

        var answer = await RawHttp.SendAsync(cluster.ApiAddress, "POST", "/api/jobs", Bearer, Job(field, path));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(
            $"the \"{field}\" path '{path}' must be absolute: every node opens it, each from its own working folder; " +
            "the aimass client makes paths absolute for you", answer.Error!.Error);
        Assert.Equal(before, await JobCount());
    }

    [Fact]
    public async Task A_path_that_matches_no_endpoint_is_404_with_an_ApiError()
    {
        var answer = await RawHttp.SendAsync(cluster.ApiAddress, "GET", "/api/nothing", Bearer);

        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
        Assert.StartsWith("the API has no endpoint GET '/api/nothing'", answer.Error!.Error);
        Assert.StartsWith("application/json", answer.Headers["Content-Type"]);
    }

    [Fact]
    public async Task A_method_the_endpoint_does_not_take_is_405_with_an_ApiError_and_Allow()
    {
        var answer = await RawHttp.SendAsync(cluster.ApiAddress, "PUT", "/api/cluster", Bearer);

        Assert.Equal(StatusCodes.Status405MethodNotAllowed, answer.Status);
        Assert.Equal("GET", answer.Headers["Allow"]);
        Assert.Equal("PUT '/api/cluster' is not allowed; this endpoint takes GET", answer.Error!.Error);
    }

    [Fact]
    public async Task A_query_value_of_the_wrong_form_is_400_with_an_ApiError()
    {
        var answer = await RawHttp.SendAsync(cluster.ApiAddress, "GET", "/api/jobs/some-job?since=abc", Bearer);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.StartsWith("the coordinator cannot read GET '/api/jobs/some-job': a route or query value has the " +
            "wrong form", answer.Error!.Error);
    }

    [Fact]
    public async Task A_malformed_chunked_body_is_Kestrels_400_with_an_ApiError()
    {
        var request = $"POST /api/jobs HTTP/1.1\r\nHost: {cluster.ApiAddress.Authority}\r\n" +
            $"Authorization: {Bearer}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n" +
            "Connection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";

        var answer = await RawHttp.SendRawAsync(cluster.ApiAddress, Encoding.ASCII.GetBytes(request));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.StartsWith("the request is malformed: ", answer.Error!.Error);
    }

    [Fact]
    public async Task A_URL_over_the_APIs_limit_is_414_with_an_ApiError()
    {
        var target = "/api/jobs/" + new string('a', ApiRequestLimits.MaxTargetChars);

        var answer = await RawHttp.SendAsync(cluster.ApiAddress, "GET", target, Bearer);

        Assert.Equal(StatusCodes.Status414UriTooLong, answer.Status);
        Assert.Equal($"the request's URL is {target.Length} characters long; this API takes at most 8192",
            answer.Error!.Error);
    }

    [Fact]
    public async Task Headers_over_the_APIs_limit_are_431_with_an_ApiError()
    {
        var request = $"GET /api/jobs HTTP/1.1\r\nHost: {cluster.ApiAddress.Authority}\r\n" +
            $"Authorization: {Bearer}\r\nX-Padding: {new string('a', ApiRequestLimits.MaxHeaderBytes)}\r\n" +
            "Connection: close\r\n\r\n";

        var answer = await RawHttp.SendRawAsync(cluster.ApiAddress, Encoding.ASCII.GetBytes(request));

        Assert.Equal(StatusCodes.Status431RequestHeaderFieldsTooLarge, answer.Status);
        Assert.StartsWith("the request's headers take about ", answer.Error!.Error);
    }

    [Fact]
    public async Task What_Kestrel_refuses_before_the_pipeline_keeps_its_empty_answer_as_documented()
    {
        // Over Kestrel's raised request line limit, and a NUL byte in the path: Kestrel answers before any
        // middleware runs and offers no hook for the body (docs/SECURITY.md, "Error answers").
        var huge = "/api/jobs/" + new string('a', ApiRequestLimits.KestrelRequestLineBytes);

        var tooLong = await RawHttp.SendAsync(cluster.ApiAddress, "GET", huge, Bearer);
        var nul = await RawHttp.SendAsync(cluster.ApiAddress, "GET", "/api/jobs/a%00b", Bearer);

        Assert.Equal(StatusCodes.Status414UriTooLong, tooLong.Status);
        Assert.Equal("", tooLong.Body);
        Assert.Equal(StatusCodes.Status400BadRequest, nul.Status);
        Assert.Equal("", nul.Body);
    }

    private string Job(string field, string path)
    {
        var fields = new Dictionary<string, object> { ["data"] = cluster.Data, ["components"] = 2, ["max_iter"] = 1 };
        fields[field] = path;
        return JsonSerializer.Serialize(fields);
    }

    private async Task<int> JobCount()
    {
        var answer = await RawHttp.SendAsync(cluster.ApiAddress, "GET", "/api/jobs", Bearer);
        return JsonDocument.Parse(answer.Body).RootElement.GetProperty("jobs").GetArrayLength();
    }
}
