using AiMass.Coordinator.Fitting;
using AiMass.Kernels.Em;

namespace AiMass.Coordinator.Cli;

/// <summary>A model selection's progress: what is fitted, then one line per data pass (every running candidate's
/// E-step and M-step).</summary>
public sealed class SelectionObserver(TextWriter output) : IFitObserver
{
    /// <inheritdoc />
    public void Started(string description) => output.WriteLine($"selecting {description}");

    /// <inheritdoc />
    public void InitStarted(int index, int count)
    {
    }

    /// <inheritdoc />
    public void Iterated(int init, IterationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        output.WriteLine(
            $"  pass {record.Iteration,4}  mean lower_bound of the running candidates {record.LowerBound,16:F8}  " +
            $"{record.Milliseconds,10:F1} ms");
    }

    /// <inheritdoc />
    public void Finished(FitResult result)
    {
    }
}
