using AiMass.Coordinator.Fitting;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// Prints a fit's progress: one line per iteration (iteration, lower bound, change, ms) and a summary.
/// </summary>
public sealed class ConsoleFitObserver(TextWriter output, TextWriter warnings) : IFitObserver
{
    /// <inheritdoc />
    public void Started(string description) => output.WriteLine($"fitting {description}");

    /// <inheritdoc />
    public void InitStarted(int index, int count) => output.WriteLine($"init {index + 1}/{count}");

    /// <inheritdoc />
    public void Iterated(int init, IterationRecord record) =>
        output.WriteLine(
            $"  iter {record.Iteration,4}  lower_bound {record.LowerBound,16:F8}  " +
            $"change {LowerBoundChange.Format(record.Change),11}  {record.Milliseconds,10:F1} ms  " +
            record.Precision.Name());

    /// <inheritdoc />
    public void RolledBack(int init, PrecisionRollback rollback)
    {
        ArgumentNullException.ThrowIfNull(rollback);
        output.WriteLine(
            $"  iter {rollback.Iteration,4}  change {LowerBoundChange.Format(rollback.Change)} from float32 values " +
            $"is not above {rollback.Threshold:0.0e+00}; redoing from iteration {rollback.RedoneFrom} in float64");
    }

    /// <inheritdoc />
    public void Finished(FitResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcome = result.Converged
            ? $"converged after {result.Iterations} iterations"
            : $"did not converge in {result.Iterations} iterations";
        output.WriteLine(
            $"{outcome} (init {result.BestInit + 1} of {result.InitLowerBounds.Count}): " +
            $"lower_bound {result.LowerBound:F8}, log-likelihood {result.LogLikelihood:G10}, BIC {result.Bic:G10}, " +
            $"AIC {result.Aic:G10}");
        if (!result.Converged && result.Iterations > 0)
        {
            warnings.WriteLine(
                "aimass: warning: the best initialisation did not converge; raise --max-iter or --tol, " +
                "or check for degenerate data.");
        }
    }
}
