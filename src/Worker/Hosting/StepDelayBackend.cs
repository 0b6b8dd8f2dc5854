using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;

namespace AiMass.Worker.Hosting;

/// <summary>
/// Fault injection for failure drills, never for production: wraps a worker's E-step backend so that every E-step
/// first waits a fixed time, which holds a job mid-iteration long enough for a chaos test (or a person following
/// docs/OPERATIONS.md) to kill a process. Turned on only by the explicit <c>aimass worker --fault-step-delay-ms
/// MS</c> option (left out of <c>--help</c>, documented in docs/CLI.md); the statistics are unchanged.
/// </summary>
public sealed class StepDelayBackend : IEStepBackend
{
    /// <summary>The worker option that turns the delay on (milliseconds per partition and step).</summary>
    public const string OptionName = "--fault-step-delay-ms";

    private readonly IEStepBackend _inner;

    /// <summary>Wraps <paramref name="inner"/>, delaying each E-step by <paramref name="delay"/>.</summary>
    public StepDelayBackend(IEStepBackend inner, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (delay < TimeSpan.Zero)
        {
            throw new InvalidInputException(
                $"{OptionName} {delay.TotalMilliseconds:F0} is negative; give a number of milliseconds ≥ 0.");
        }

        _inner = inner;
        Delay = delay;
    }

    /// <summary>The wait before each E-step.</summary>
    public TimeSpan Delay { get; }

    /// <inheritdoc />
    public string Name => _inner.Name;

    /// <summary><paramref name="backend"/> wrapped when <paramref name="milliseconds"/> is given, else itself;
    /// throws <see cref="InvalidInputException"/> for a negative delay.</summary>
    public static IEStepBackend Wrap(IEStepBackend backend, int? milliseconds)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return milliseconds is { } ms ? new StepDelayBackend(backend, TimeSpan.FromMilliseconds(ms)) : backend;
    }

    /// <inheritdoc />
    public IPartitionEStep Bind(DataPartition partition) => new Delayed(_inner.Bind(partition), Delay);

    /// <inheritdoc />
    public void Dispose() => _inner.Dispose();

    private sealed class Delayed(IPartitionEStep inner, TimeSpan delay) : IPartitionEStep
    {
        public string Device => inner.Device;

        public SufficientStatistics Compute(
            ModelParameters parameters, EStepPrecision? precision, CancellationToken cancellationToken)
        {
            // Waits on the token, so a stopping entity is not held up by the delay.
            cancellationToken.WaitHandle.WaitOne(delay);
            cancellationToken.ThrowIfCancellationRequested();
            return inner.Compute(parameters, precision, cancellationToken);
        }

        public void Dispose() => inner.Dispose();
    }
}
