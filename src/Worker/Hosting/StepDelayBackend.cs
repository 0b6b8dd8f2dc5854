using System.Globalization;
using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;

namespace AiMass.Worker.Hosting;

/// <summary>
/// A test knob, not a feature: wraps a worker's E-step backend so that every E-step first waits a fixed time, which
/// holds a job mid-iteration long enough for a chaos test (or a person following docs/OPERATIONS.md) to kill a
/// process. Set by <c>AIMASS_TEST_STEP_DELAY_MS</c> in a worker's environment; the statistics are unchanged.
/// </summary>
public sealed class StepDelayBackend : IEStepBackend
{
    /// <summary>The environment variable that turns the delay on (milliseconds per partition and step).</summary>
    public const string Variable = "AIMASS_TEST_STEP_DELAY_MS";

    private readonly IEStepBackend _inner;

    /// <summary>Wraps <paramref name="inner"/>, delaying each E-step by <paramref name="delay"/>.</summary>
    public StepDelayBackend(IEStepBackend inner, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        Delay = delay;
    }

    /// <summary>The wait before each E-step.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The backend that computes.</summary>
    public IEStepBackend Inner => _inner;

    /// <inheritdoc />
    public string Name => _inner.Name;

    /// <summary>
    /// <paramref name="backend"/> wrapped when <see cref="Variable"/> is set (to a whole number of milliseconds),
    /// else <paramref name="backend"/> itself.
    /// </summary>
    public static IEStepBackend FromEnvironment(IEStepBackend backend, string? value)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (string.IsNullOrWhiteSpace(value))
        {
            return backend;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            throw new InvalidInputException($"{Variable} '{value}' is not a whole number of milliseconds; unset it.");
        }

        return new StepDelayBackend(backend, TimeSpan.FromMilliseconds(ms));
    }

    /// <inheritdoc />
    public IPartitionEStep Bind(DataPartition partition) => new Delayed(_inner.Bind(partition), Delay);

    /// <inheritdoc />
    public void Dispose() => _inner.Dispose();

    private sealed class Delayed(IPartitionEStep inner, TimeSpan delay) : IPartitionEStep
    {
        public string Device => inner.Device;

        public SufficientStatistics Compute(ModelParameters parameters, CancellationToken cancellationToken)
        {
            // Waits on the token, so a stopping entity is not held up by the delay.
            cancellationToken.WaitHandle.WaitOne(delay);
            cancellationToken.ThrowIfCancellationRequested();
            return inner.Compute(parameters, cancellationToken);
        }

        public void Dispose() => inner.Dispose();
    }
}
