using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using AiMass.Coordinator.Fitting;
using AiMass.Kernels;
using AiMass.Kernels.Em;
using AiMass.Kernels.Models;
using AiMass.Seed.Hosting;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// One cluster job: plans it (off the dispatcher), then drives the same <see cref="EmFit"/> state machine as a local
/// fit — each step asks every partition entity, waits with a deadline, re-asks the missing ones, adds the
/// statistics in partition order, and runs the M-step off the dispatcher. Logs one line per iteration.
/// </summary>
public sealed partial class JobActor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _jobId;
    private readonly bool _partitionsGiven;
    private FitSpec _spec;
    private readonly IActorRef _region;
    private readonly NodeSettings _settings;
    private readonly List<ProgressEntry> _history = [];
    private readonly DateTimeOffset _submitted = DateTimeOffset.UtcNow;
    private DatasetLayout? _layout;
    private EmFit? _fit;
    private DatasetRef? _dataset;
    private StepCollector? _collector;
    private string _summary;
    private int _step;
    private long _stepStarted;
    private JobState _state = JobState.Pending;
    private string? _error;
    private bool _inputError;
    private DateTimeOffset? _finished;

    /// <summary>A job of <paramref name="spec"/> cut into <paramref name="partitions"/> partitions.</summary>
    public JobActor(string jobId, FitSpec spec, int partitions, IActorRef region, NodeSettings settings, IActorRef replyTo)
    {
        _jobId = jobId;
        _partitionsGiven = spec.Partitions is not null;
        _spec = spec with { Partitions = partitions };
        _region = region;
        _settings = settings;
        _summary = $"{spec.Model} on {spec.Data}";
        Planning(replyTo);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props.</summary>
    public static Props Props(
        string jobId, FitSpec spec, int partitions, IActorRef region, NodeSettings settings, IActorRef replyTo) =>
        Akka.Actor.Props.Create(() => new JobActor(jobId, spec, partitions, region, settings, replyTo));

    /// <inheritdoc />
    protected override void PostStop() => _layout?.Dispose();

    private int Partitions => _spec.Partitions!.Value;

    private void Planning(IActorRef replyTo)
    {
        var spec = _spec;
        var given = _partitionsGiven;
        Task.Factory.StartNew(() => Plan(spec, given), TaskCreationOptions.LongRunning)
            .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : (object)new PlanningFailed(t.Exception!), TaskScheduler.Default)
            .PipeTo(Self);
        Receive<PlannedJob>(planned =>
        {
            (_layout, _fit, _summary, _spec) = (planned.Layout, planned.Fit, planned.Summary, planned.Spec);
            _dataset = DatasetRef.From(_spec, Partitions);
            Context.Parent.Tell(new JobMessages.Planned(_jobId, replyTo));
            _log.Info("job={0} accepted: {1}", _jobId, _summary);
            _state = JobState.Running;
            Become(Running);
            StartStep();
        });
        Receive<PlanningFailed>(failed =>
        {
            var (message, isInput) = Describe(failed.Error);
            Context.Parent.Tell(new JobMessages.PlanFailed(_jobId, replyTo, message, isInput));
            Fail(message, isInput);
        });
        Receive<JobCommands.CancelJob>(_ => Cancel());
    }

    /// <summary>Opens and plans the job; a partition count the user did not give is fitted to the data first
    /// (<see cref="FitPlanner.DefaultPartitions"/>).</summary>
    private static PlannedJob Plan(FitSpec spec, bool partitionsGiven)
    {
        if (!partitionsGiven)
        {
            spec = spec with { Partitions = FitPlanner.DefaultPartitions(spec, spec.Partitions!.Value) };
        }

        var layout = DatasetLayout.Open(spec, spec.Partitions!.Value);
        try
        {
            var plan = FitPlanner.Create(spec, layout.Data, layout.Weights);
            var fit = plan.StartFit();
            var summary = $"{plan.Summary} on {layout.Data.Name} ({layout.Data.Rows} rows × {layout.Data.Features} " +
                $"features, {layout.Partitions.Count} partitions)";
            return new PlannedJob(layout, fit, summary, spec);
        }
        catch
        {
            layout.Dispose();
            throw;
        }
    }

    private sealed record PlannedJob(DatasetLayout Layout, EmFit Fit, string Summary, FitSpec Spec);

    private sealed record PlanningFailed(Exception Error);
}
