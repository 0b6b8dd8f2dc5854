using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Cli;

/// <summary>The last words of <c>submit</c> and <c>watch</c> on a finished job, and their exit code.</summary>
public static class JobOutcome
{
    /// <summary>
    /// Prints how <paramref name="final"/> ended (success on standard output, failure on standard error) and
    /// returns 0 when it succeeded, 2 when it failed on bad input, 1 otherwise. <paramref name="output"/> is the
    /// model file written, if any; with <paramref name="json"/> standard output is left to the JSON.
    /// </summary>
    public static int Report(JobStatus final, ProgressEntry? last, string? output, bool json, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(final);
        ArgumentNullException.ThrowIfNull(context);
        switch (final.State)
        {
            case JobState.Succeeded:
                if (!json)
                {
                    context.Out.WriteLine($"job {final.JobId} succeeded: {Describe(final, last)}");
                    if (output is not null)
                    {
                        context.Out.WriteLine($"model written to {output}");
                    }
                }

                if (final.Converged == false)
                {
                    context.Error.WriteLine(
                        "aimass: warning: the job did not converge; raise --max-iter or --tol, " +
                        "or check for degenerate data.");
                }

                return ExitCodes.Success;
            case JobState.Failed:
                context.Error.WriteLine($"aimass: job {final.JobId} failed: {final.Error}");
                return final.InputError ? ExitCodes.BadInput : ExitCodes.Failure;
            case JobState.Cancelled:
                context.Error.WriteLine($"aimass: job {final.JobId} was cancelled.");
                return ExitCodes.Failure;
            default:
                throw new ArgumentException($"Job {final.JobId} has not ended ({final.State}).", nameof(final));
        }
    }

    private static string Describe(JobStatus final, ProgressEntry? last)
    {
        var converged = final.Converged == true ? "converged" : "did not converge";
        if (final.InitCount > 1)
        {
            return $"{converged}; {final.InitCount} initialisations, {final.IterationsTotal} iterations in all " +
                "(the model is the best initialisation's)";
        }

        return last is null
            ? $"{converged} after {final.IterationsTotal} iterations"
            : $"{converged} after {last.Iteration} iterations, lower_bound {last.LowerBound:F8}";
    }
}
