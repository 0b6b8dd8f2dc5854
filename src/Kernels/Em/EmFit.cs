using AiMass.Kernels.EStep;

namespace AiMass.Kernels.Em;

/// <summary>
/// A whole fit as a state machine: <c>n_init</c> EM runs (keeping the best lower bound, as scikit-learn), then one
/// scoring pass under the chosen model. Callers loop: compute the total statistics under
/// <see cref="ParametersToEvaluate"/> (anywhere), then <see cref="Submit"/> them — until <see cref="Phase"/> is
/// <see cref="EmPhase.Done"/>. The local fitter and the cluster job both drive this class.
/// </summary>
public sealed class EmFit
{
    private readonly IEmModel _model;
    private readonly Func<int, ModelParameters> _initial;
    private readonly EmSettings _settings;
    private readonly List<double> _initLowerBounds = [];
    private EmRun? _best;
    private int _bestInit;
    private FitResult? _result;

    /// <summary>A fit of <paramref name="initCount"/> initialisations made by <paramref name="initial"/>.</summary>
    public EmFit(IEmModel model, Func<int, ModelParameters> initial, int initCount, EmSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(settings);
        if (initCount < 1)
        {
            throw new InvalidInputException($"--n-init {initCount} must be at least 1.");
        }

        settings.Validate();
        _model = model;
        _initial = initial;
        _settings = settings;
        InitCount = initCount;
        Run = new EmRun(model, initial(0), settings);
        SettleFinishedRuns();
    }

    private EmFit(
        IEmModel model, Func<int, ModelParameters> initial, int initCount, EmSettings settings, EmFitState state)
    {
        _model = model;
        _initial = initial;
        _settings = settings;
        InitCount = initCount;
        Phase = state.Phase;
        InitIndex = state.Current.Init;
        Run = EmRun.Resume(model, settings, state.Current);
        if (state.Best is { } best)
        {
            _best = EmRun.Resume(model, settings, best);
            _bestInit = best.Init;
        }

        _initLowerBounds.AddRange(state.InitLowerBounds);
    }

    /// <summary>
    /// Continues a fit from <paramref name="state"/> (a <see cref="Snapshot"/>); with the same model, initial
    /// models, count and settings it proceeds exactly as the original would have.
    /// </summary>
    public static EmFit Restore(
        IEmModel model, Func<int, ModelParameters> initial, int initCount, EmSettings settings, EmFitState state)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Phase == EmPhase.Done)
        {
            throw new ArgumentException("A finished fit has no state to continue from.", nameof(state));
        }

        return new EmFit(model, initial, initCount, settings, state);
    }

    /// <summary>The state between two steps, to checkpoint; <see cref="Restore"/> continues from it.</summary>
    public EmFitState Snapshot()
    {
        if (Phase == EmPhase.Done)
        {
            throw new InvalidOperationException("The fit is done; keep its Result instead.");
        }

        var current = Run.State(InitIndex);
        var best = _best?.State(_bestInit);
        return new EmFitState(Phase, current, best, _initLowerBounds.ToArray());
    }

    /// <summary>Number of initialisations.</summary>
    public int InitCount { get; }

    /// <summary>0-based index of the initialisation being iterated.</summary>
    public int InitIndex { get; private set; }

    /// <summary>The current initialisation's run.</summary>
    public EmRun Run { get; private set; }

    /// <summary>What the next <see cref="Submit"/> expects.</summary>
    public EmPhase Phase { get; private set; }

    /// <summary>The parameters the next E-step must use.</summary>
    public ModelParameters ParametersToEvaluate =>
        Phase == EmPhase.Iterating ? Run.Parameters : (_best ?? Run).Parameters;

    /// <summary>
    /// The arithmetic the next E-step must use: the run's while iterating (<see cref="EmRun.Precision"/>); the
    /// scoring pass runs in float32 only when the fit's precision is <see cref="FitPrecision.Single"/>.
    /// </summary>
    public EStepPrecision PrecisionToEvaluate => Phase == EmPhase.Iterating
        ? Run.Precision
        : _settings.Precision == FitPrecision.Single ? EStepPrecision.Single : EStepPrecision.Double;

    /// <summary>The last <see cref="Submit"/>'s rollback (auto precision), or null when it recorded an iteration.
    /// </summary>
    public PrecisionRollback? LastRollback { get; private set; }

    /// <summary>The result; only when <see cref="Phase"/> is <see cref="EmPhase.Done"/>.</summary>
    public FitResult Result => _result ?? throw new InvalidOperationException("The fit has not finished.");

    /// <summary>
    /// Takes the total statistics under <see cref="ParametersToEvaluate"/> at <see cref="PrecisionToEvaluate"/>.
    /// While iterating, returns the iteration's record, or null when auto precision rolled back instead
    /// (<see cref="LastRollback"/>); in the scoring phase, completes the result and returns null.
    /// </summary>
    public IterationRecord? Submit(SufficientStatistics total, double eStepMilliseconds = 0)
    {
        ArgumentNullException.ThrowIfNull(total);
        LastRollback = null;
        switch (Phase)
        {
            case EmPhase.Iterating:
                var record = Run.Advance(total, eStepMilliseconds);
                LastRollback = Run.LastRollback;
                SettleFinishedRuns();
                return record;
            case EmPhase.Scoring:
                var best = _best!;
                _result = new FitResult(
                    best.Parameters, best.Converged, best.Iteration, best.LowerBound, best.History,
                    total.LogLikelihood, total.Weight, total.Rows, _bestInit, _initLowerBounds)
                {
                    Prior = _model.PriorDescription,
                };
                Phase = EmPhase.Done;
                return null;
            default:
                throw new InvalidOperationException("The fit is done; no statistics are expected.");
        }
    }

    /// <summary>Closes finished runs, keeps the best, and starts the next initialisation or the scoring pass.</summary>
    private void SettleFinishedRuns()
    {
        while (Phase == EmPhase.Iterating && Run.IsFinished)
        {
            if (Run.Parameters is ISelfFinishingParameters own)
            {
                // A candidate set scored its candidates itself: no extra pass.
                _result = own.Result();
                Phase = EmPhase.Done;
                return;
            }

            _initLowerBounds.Add(Run.LowerBound);
            // scikit-learn: `lower_bound > max_lower_bound or max_lower_bound == -inf`.
            if (_best is null || Run.LowerBound > _best.LowerBound || double.IsNegativeInfinity(_best.LowerBound))
            {
                _best = Run;
                _bestInit = InitIndex;
            }

            if (InitIndex + 1 < InitCount)
            {
                InitIndex++;
                Run = new EmRun(_model, _initial(InitIndex), _settings);
            }
            else
            {
                Phase = EmPhase.Scoring;
            }
        }
    }
}
