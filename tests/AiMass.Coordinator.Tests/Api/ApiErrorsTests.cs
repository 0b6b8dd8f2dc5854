using Akka.Actor;
using AiMass.Coordinator.Api;
using AiMass.Coordinator.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiMass.Coordinator.Tests.Api;

/// <summary>The error answers themselves: unexpected replies and exceptions become <see cref="ApiError"/>s.</summary>
public sealed class ApiErrorsTests
{
    [Fact]
    public async Task An_unexpected_reply_of_the_job_manager_is_500_with_an_ApiError_naming_its_type_only()
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
            Response = { Body = new MemoryStream() },
        };

        var reply = new Status.Failure(new InvalidOperationException("secret text"));

        await ApiErrors.Unexpected(reply).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        var error = new RawResponse(500, new Dictionary<string, string>(), body).Error!;
        Assert.Equal("the job manager answered Failure, which this API does not expect; this is a bug: report it " +
            "with the coordinator's version", error.Error);
        Assert.DoesNotContain("secret", body);
    }

    [Theory]
    [InlineData("x.npy", "'x.npy'")]
    [InlineData("a\0b\nc", "'a\\u0000b\\u000ac'")]
    [InlineData("0123456789012345678901234567890123456789TAIL", "'0123456789012345678901234567890123456789…'")]
    public void A_quoted_value_is_escaped_and_cut_at_40_characters(string value, string quoted)
    {
        Assert.Equal(quoted, ApiErrors.Quote(value));
    }

    [Theory]
    [InlineData("/boom", 500, "the coordinator's API failed on this call (request ")]
    [InlineData("/timeout", 503, "the job manager did not answer in time: it may be moving to another coordinator " +
        "(fail-over) or overloaded; retry shortly")]
    [InlineData("/bad", 400, "the request is malformed: bad framing")]
    public async Task An_exception_is_an_ApiError_that_never_quotes_the_exceptions_text(
        string path, int status, string message)
    {
        await using var app = await StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.First());

        var answer = await RawHttp.SendAsync(address, "GET", path, null);

        Assert.Equal(status, answer.Status);
        Assert.StartsWith(message, answer.Error!.Error);
        Assert.DoesNotContain("secret", answer.Body);
        Assert.Equal(status == 503, answer.Headers.ContainsKey("Retry-After"));
    }

    private static async Task<WebApplication> StartAsync()
    {
        var web = WebApplication.CreateSlimBuilder();
        web.WebHost.UseUrls("http://127.0.0.1:0");
        web.Logging.ClearProviders();
        var app = web.Build();
        app.Use(ApiExceptions.Handle);
        app.MapGet("/boom", IResult () => throw new InvalidOperationException("secret text"));
        app.MapGet("/timeout", IResult () => throw new AskTimeoutException("secret text"));
        app.MapGet("/bad", IResult () =>
            throw new BadHttpRequestException("bad framing", StatusCodes.Status400BadRequest));
        await app.StartAsync();
        return app;
    }
}
