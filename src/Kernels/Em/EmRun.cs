namespace AiMass.Kernels.Em;

/// <summary>
/// One initialisation of the EM loop as a state machine: read <see cref="Parameters"/>, compute the total
/// statistics under them anywhere (locally or across a cluster), and <see cref="Advance"/>. The local fitter
/// and the cluster job drive the same object, so both give the same model.
/// </summary>
/// <remarks>
/// Semantics follow scikit-learn's <c>BaseMixture.fit_predict</c>: the lower bound of iteration n is the mean
/// log-likelihood under the parameters before the n-th M-step; convergence is |change| &lt; tol.
/// </remarks>
public sealed class EmRun
{
    private readonly IEmModel _model;
    private readonly EmSettings _settings;
    private readonly List<IterationRecord> _history;

    /// <summary>Starts a run at <paramref name="initial"/>.</summary>
    public EmRun(IEmModel model, ModelParameters initial, EmSettings settings)
        : this(model, initial, settings, [], converged: false)
    {
    }

    private EmRun(
        IEmModel model, ModelParameters parameters, EmSettings settings, List<IterationRecord> history, bool converged)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _model = model;
        _settings = settings;
        _history = history;
        Parameters = parameters;
        Converged = converged;
    }

    /// <summary>Resumes a run from a checkpoint: its current parameters and its history so far.</summary>
    public static EmRun Resume(
        IEmModel model, ModelParameters parameters, EmSettings settings, IEnumerable<IterationRecord> history,
        bool converged) =>
        new(model, parameters, settings, [.. history], converged);

    /// <summary>The parameters the next E-step uses; after the run finishes, the fitted model.</summary>
    public ModelParameters Parameters { get; private set; }

    /// <summary>Iterations done so far.</summary>
    public int Iteration => _history.Count;

    /// <summary>True once the change fell below the tolerance.</summary>
    public bool Converged { get; private set; }

    /// <summary>True when no further E-step is needed.</summary>
    public bool IsFinished => Converged || Iteration >= _settings.MaxIterations
        || Parameters is ISelfFinishingParameters { IsFinished: true };

    /// <summary>The last lower bound (−∞ before the first iteration).</summary>
    public double LowerBound => _history.Count == 0 ? double.NegativeInfinity : _history[^1].LowerBound;

    /// <summary>Every iteration so far, oldest first.</summary>
    public IReadOnlyList<IterationRecord> History => _history;

    /// <summary>
    /// Takes the total statistics computed under <see cref="Parameters"/>, runs the M-step, records the iteration
    /// and checks convergence.
    /// </summary>
    /// <param name="total">Statistics of all partitions, added in partition order.</param>
    /// <param name="eStepMilliseconds">Time the E-step and reduction took, added to the M-step's own.</param>
    public IterationRecord Advance(SufficientStatistics total, double eStepMilliseconds = 0)
    {
        ArgumentNullException.ThrowIfNull(total);
        if (IsFinished)
        {
            throw new InvalidOperationException("The run is finished; no further iteration is due.");
        }

        if (!(total.Weight > 0))
        {
            throw new InvalidInputException(
                "The data carry no weight (no rows, or all sample weights are zero); nothing can be fitted.");
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var lowerBound = (total.LogLikelihood + _model.LogPrior(Parameters)) / total.Weight;
        var previous = LowerBound;
        Parameters = _model.MStep(total, Parameters);
        var change = lowerBound - previous;
        var ms = eStepMilliseconds + System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var record = new IterationRecord(Iteration + 1, lowerBound, change, ms, eStepMilliseconds);
        _history.Add(record);
        if (Math.Abs(change) < _settings.Tolerance)
        {
            Converged = true;
        }

        return record;
    }
}
