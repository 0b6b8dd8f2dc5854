using AiMass.Kernels.EStep;

namespace AiMass.Kernels.Em;

/// <summary>
/// One initialisation of the EM loop as a state machine: read <see cref="Parameters"/> and
/// <see cref="Precision"/>, compute the total statistics under them anywhere (locally or across a cluster), and
/// <see cref="Advance"/>. The local fitter and the cluster job drive the same object, so both give the same model.
/// </summary>
/// <remarks>
/// Semantics follow scikit-learn's <c>BaseMixture.fit_predict</c>: the lower bound of iteration n is the mean
/// log-likelihood under the parameters before the n-th M-step (with a MAP-EM prior, the mean log posterior:
/// <see cref="IEmModel.LogPrior"/> is added before dividing by the weight); convergence is |change| &lt; tol. With
/// <see cref="FitPrecision.Auto"/> a change that involves a float32 lower bound only counts when it rules out
/// convergence (<see cref="AutoPrecision"/>); otherwise <see cref="Advance"/> rolls back one iteration and the run
/// continues in float64, and the last two iterations before <c>max_iter</c> run in float64 too.
/// </remarks>
public sealed class EmRun
{
    private readonly IEmModel _model;
    private readonly EmSettings _settings;
    private readonly List<IterationRecord> _history;
    private ModelParameters? _previous;
    private bool _float64;

    /// <summary>Starts a run at <paramref name="initial"/>.</summary>
    public EmRun(IEmModel model, ModelParameters initial, EmSettings settings)
        : this(model, settings, new EmRunState(0, initial, [], Converged: false))
    {
    }

    private EmRun(IEmModel model, EmSettings settings, EmRunState state)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(state.Parameters);
        settings.Validate();
        _model = model;
        _settings = settings;
        _history = [.. state.History];
        Parameters = state.Parameters;
        Converged = state.Converged;
        _previous = state.Previous;
        _float64 = state.Float64;
    }

    /// <summary>Resumes a run from a checkpoint (<see cref="State"/>): it continues exactly as the original.</summary>
    public static EmRun Resume(IEmModel model, EmSettings settings, EmRunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new EmRun(model, settings, state);
    }

    /// <summary>The parameters the next E-step uses; after the run finishes, the fitted model.</summary>
    public ModelParameters Parameters { get; private set; }

    /// <summary>The arithmetic the next E-step must use.</summary>
    public EStepPrecision Precision => _settings.Precision switch
    {
        FitPrecision.Single => EStepPrecision.Single,
        FitPrecision.Double => EStepPrecision.Double,
        _ when _float64 || Iteration + 2 >= _settings.MaxIterations => EStepPrecision.Double,
        _ => EStepPrecision.Single,
    };

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

    /// <summary>The last <see cref="Advance"/>'s rollback, or null when it recorded an iteration.</summary>
    public PrecisionRollback? LastRollback { get; private set; }

    /// <summary>The run as a checkpoint of initialisation <paramref name="init"/>.</summary>
    public EmRunState State(int init) =>
        new(init, Parameters, _history.ToArray(), Converged, _previous, _float64);

    /// <summary>
    /// Takes the total statistics computed under <see cref="Parameters"/> at <see cref="Precision"/>, runs the
    /// M-step, records the iteration and checks convergence. Returns null (and sets <see cref="LastRollback"/>)
    /// when auto precision discarded the step instead: the next E-steps redo the last iteration in float64.
    /// </summary>
    /// <param name="total">Statistics of all partitions (a <see cref="StatisticsSum"/> total).</param>
    /// <param name="eStepMilliseconds">Time the E-step and reduction took, added to the M-step's own.</param>
    public IterationRecord? Advance(SufficientStatistics total, double eStepMilliseconds = 0)
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
        var precision = Precision;
        var lowerBound = (total.LogLikelihood + _model.LogPrior(Parameters)) / total.Weight;
        var change = lowerBound - LowerBound;
        LastRollback = null;
        if (MustRollBack(precision, change, lowerBound))
        {
            RollBack(change, lowerBound);
            return null;
        }

        var input = Parameters;
        Parameters = _model.MStep(total, Parameters);
        var ms = eStepMilliseconds + System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var record = new IterationRecord(Iteration + 1, lowerBound, change, ms, eStepMilliseconds, precision);
        _history.Add(record);
        if (_settings.Precision == FitPrecision.Auto)
        {
            _float64 |= precision == EStepPrecision.Double;
            _previous = _float64 ? null : input;
        }

        if (Math.Abs(change) < _settings.Tolerance)
        {
            Converged = true;
        }

        return record;
    }

    /// <summary>
    /// Auto precision: true when the change involves a float32 lower bound, does not rule out convergence, and the
    /// float32 iteration before can still be redone. (A redone iteration's own change is mixed but trusted: its
    /// float32 change ruled out convergence with room for the noise, see <see cref="AutoPrecision"/>.)
    /// </summary>
    private bool MustRollBack(EStepPrecision precision, double change, double lowerBound)
    {
        if (_settings.Precision != FitPrecision.Auto || _previous is null)
        {
            return false;
        }

        var exact = precision == EStepPrecision.Double && _history[^1].Precision == EStepPrecision.Double;
        return !exact && !AutoPrecision.RulesOutConvergence(change, lowerBound, _settings.Tolerance);
    }

    /// <summary>Discards this step and the last (float32) iteration; continues from that iteration's input, in
    /// float64 from now on.</summary>
    private void RollBack(double change, double lowerBound)
    {
        LastRollback = new PrecisionRollback(
            Iteration + 1, change, AutoPrecision.Threshold(lowerBound, _settings.Tolerance));
        _history.RemoveAt(_history.Count - 1);
        Parameters = _previous!;
        _previous = null;
        _float64 = true;
    }
}
