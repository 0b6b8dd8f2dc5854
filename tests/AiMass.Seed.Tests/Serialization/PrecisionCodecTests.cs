using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;

namespace AiMass.Seed.Tests.Serialization;

/// <summary>The step's precision reaches the workers, and auto precision's state survives a checkpoint.</summary>
public sealed class PrecisionCodecTests : IDisposable
{
    private readonly SerializerHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData(EStepPrecision.Single)]
    [InlineData(EStepPrecision.Double)]
    public void ComputeStatistics_carries_the_steps_precision(EStepPrecision precision)
    {
        var message = new PartitionCommands.ComputeStatistics(
            "job-1", 2, 7, 1, MessageSamples.Dataset, Payloads.Mixture(CovarianceType.Diag), precision);

        var (back, _) = _harness.RoundTrip(message);

        Assert.Equal(precision, back.Precision);
        Assert.Equal(message with { Parameters = back.Parameters }, back);
    }

    [Fact]
    public void A_checkpoint_keeps_each_iterations_precision_and_auto_precisions_state()
    {
        IterationRecord[] history =
        [
            new(1, -4, double.PositiveInfinity, 2, 1, EStepPrecision.Single),
            new(2, -3.5, 0.5, 2, 1, EStepPrecision.Double),
        ];
        var previous = Payloads.Mixture(CovarianceType.Full);
        var current = new EmRunState(0, Payloads.Mixture(CovarianceType.Tied), history, false, previous, true);
        var state = new EmFitState(EmPhase.Iterating, current, null, []);

        var back = FitStateCodec.Decode(FitStateCodec.Encode(state)).Current;

        Assert.Equal(history, back.History);
        Assert.True(back.Float64);
        Same.Parameters(previous, back.Previous!);
        Same.Parameters(current.Parameters, back.Parameters);
    }

    [Fact]
    public void A_checkpoint_without_previous_parameters_round_trips_too()
    {
        var current = new EmRunState(1, Payloads.Mixture(CovarianceType.Diag), [], false);
        var back = FitStateCodec.Decode(FitStateCodec.Encode(new EmFitState(EmPhase.Iterating, current, null, [])));

        Assert.Null(back.Current.Previous);
        Assert.False(back.Current.Float64);
    }

    [Fact]
    public void A_format_2_checkpoint_from_before_precisions_reads_as_float32_iterations()
    {
        var parameters = Payloads.Mixture(CovarianceType.Spherical);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write((byte)2);
            writer.Write((byte)EmPhase.Iterating);
            writer.Write(0); // init
            writer.Write(false); // converged
            ParametersCodec.Write(writer, parameters);
            writer.Write(1); // one iteration
            writer.Write(1);
            writer.Write(-2.5);
            writer.Write(double.PositiveInfinity);
            writer.Write(3.0);
            writer.Write(1.0);
            writer.Write(false); // no best run
            writer.Write(0); // no finished initialisations
        }

        var back = FitStateCodec.Decode(stream.ToArray()).Current;

        IterationRecord[] expected = [new(1, -2.5, double.PositiveInfinity, 3, 1, EStepPrecision.Single)];
        Assert.Equal(expected, back.History);
        Assert.Null(back.Previous);
        Assert.False(back.Float64);
    }
}
