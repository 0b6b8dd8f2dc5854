using AiMass.Coordinator.Cli;
using AiMass.Coordinator.Tests.Support;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Tests.Cli;

public sealed class JobOutcomeTests
{
    [Theory]
    [InlineData(JobState.Succeeded, false, 0)]
    [InlineData(JobState.Failed, false, 1)]
    [InlineData(JobState.Failed, true, 2)]
    [InlineData(JobState.Cancelled, false, 1)]
    public void The_exit_code_is_0_for_success_2_for_bad_input_and_1_otherwise(
        JobState state, bool inputError, int expected)
    {
        var error = state == JobState.Failed ? "it broke" : null;

        var (code, _, _) = Report(Statuses.Of(state, error, inputError, converged: true), json: false);

        Assert.Equal(expected, code);
    }

    [Fact]
    public void A_success_names_the_iterations_the_lower_bound_and_the_model_file()
    {
        var (_, output, error) = Report(Statuses.Of(JobState.Succeeded, converged: true), json: false, "m.json");

        Assert.Equal(
            "job j1 succeeded: converged after 12 iterations, lower_bound -7.13000000\nmodel written to m.json\n",
            output.ReplaceLineEndings("\n"));
        Assert.Equal("", error);
    }

    [Fact]
    public void A_failure_goes_to_standard_error_and_json_keeps_standard_output_clean()
    {
        var failed = Statuses.Of(JobState.Failed, "data file '/x' does not exist", inputError: true);

        var (code, output, error) = Report(failed, json: true);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("aimass: job j1 failed: data file '/x' does not exist", error.Trim());
    }

    [Fact]
    public void A_job_that_did_not_converge_is_a_success_with_a_warning()
    {
        var (code, output, error) = Report(Statuses.Of(JobState.Succeeded, converged: false), json: false);

        Assert.Equal(0, code);
        Assert.Contains("did not converge after 12 iterations", output);
        Assert.StartsWith("aimass: warning: the job did not converge", error);
    }

    [Fact]
    public void A_running_job_has_no_outcome_yet()
    {
        Assert.Throws<ArgumentException>(() => Report(Statuses.Of(JobState.Running), json: false));
    }

    private static (int Code, string Out, string Error) Report(JobStatus status, bool json, string? output = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = JobOutcome.Report(status, Statuses.Entry(12), output, json, new CliContext(stdout, stderr, default));
        return (code, stdout.ToString(), stderr.ToString());
    }
}
