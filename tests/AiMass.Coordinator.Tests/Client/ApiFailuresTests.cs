using System.Net;
using AiMass.Coordinator.Client;
using AiMass.Kernels;

namespace AiMass.Coordinator.Tests.Client;

public sealed class ApiFailuresTests
{
    private const string Where = "http://127.0.0.1:5080";

    [Fact]
    public void An_input_error_is_bad_input_with_the_apis_message()
    {
        const string body = """{"error":"--k 0 must be at least 1","input_error":true}""";

        var e = ApiFailures.ToException(HttpStatusCode.BadRequest, body, "POST /api/jobs", null, Where);

        Assert.Equal("--k 0 must be at least 1", Assert.IsType<InvalidInputException>(e).Message);
    }

    [Fact]
    public void Any_other_api_error_is_a_failure_with_the_apis_message()
    {
        const string body = """{"error":"No worker node is up","input_error":false}""";

        var e = ApiFailures.ToException(HttpStatusCode.ServiceUnavailable, body, "POST /api/jobs", null, Where);

        Assert.Equal("No worker node is up", Assert.IsType<CoordinatorException>(e).Message);
    }

    [Fact]
    public void Not_found_for_a_job_names_the_job()
    {
        var e = ApiFailures.ToException(HttpStatusCode.NotFound, "", "GET /api/jobs/x", "x", Where);

        Assert.Equal(
            "no job 'x' at the coordinator http://127.0.0.1:5080; 'aimass jobs' lists the jobs",
            Assert.IsType<InvalidInputException>(e).Message);
    }

    [Fact]
    public void An_answer_that_is_not_an_api_error_names_the_status_and_the_call()
    {
        var e = ApiFailures.ToException(
            HttpStatusCode.InternalServerError, "<html>\noops</html>", "GET /api/cluster", null, Where);

        Assert.Equal(
            "the coordinator at http://127.0.0.1:5080 answered 500 InternalServerError to GET /api/cluster: " +
            "<html> oops</html>",
            Assert.IsType<CoordinatorException>(e).Message);
    }
}
