using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Seed.Serialization;

namespace AiMass.Seed.Tests.Serialization;

/// <summary>The HMM tags of <see cref="ParametersCodec"/> and <see cref="StatisticsCodec"/>.</summary>
public sealed class HmmCodecTests
{
    public static TheoryData<HmmEmission> Emissions => [.. Payloads.HmmEmissions];

    [Theory]
    [MemberData(nameof(Emissions))]
    public void Parameters_arrive_with_the_same_precision_factors(HmmEmission emission)
    {
        var parameters = Payloads.Hmm(emission);

        var back = ParametersCodec.Read(Reader(Write(w => ParametersCodec.Write(w, parameters))));

        Same.Parameters(parameters, back);
    }

    [Theory]
    [MemberData(nameof(Emissions))]
    public void Statistics_arrive_exactly(HmmEmission emission)
    {
        var statistics = Payloads.HmmStatistics(emission);

        var back = StatisticsCodec.Read(Reader(Write(w => StatisticsCodec.Write(w, statistics))));

        Same.Statistics(statistics, back);
    }

    [Fact]
    public void Full_second_moments_travel_as_lower_triangles_which_are_authoritative()
    {
        int s = 2, d = 3;
        // An upper triangle that disagrees with the lower one: the constructor mirrors the lower one.
        var s2 = Enumerable.Range(0, s * d * d).Select(i => 0.1 + i).ToArray();
        var statistics = new HmmStatistics(
            HmmEmission.GaussianFull, s, d, 0, [1, 2], [0.5, 0.5, 0.25, 0.75], [10, 20], new double[s * d], s2, [],
            -42.5, 30, 2);
        var bytes = Write(w => StatisticsCodec.Write(w, statistics));

        var back = (HmmStatistics)StatisticsCodec.Read(Reader(bytes));

        Same.Statistics(statistics, back);
        Assert.Equal(statistics.S2[(0 * d) + 1], statistics.S2[(1 * d) + 0]);
        var header = 1 + 1 + (3 * 4) + 8 + 8 + 8;
        var values = s + (s * s) + s + (s * d) + (s * d * (d + 1) / 2);
        Assert.Equal(header + (8 * values), bytes.Length);
    }

    [Theory]
    [MemberData(nameof(Emissions))]
    public void Partition_statistics_added_after_the_wire_equal_those_added_locally(HmmEmission emission)
    {
        SufficientStatistics[] parts = [Payloads.HmmStatistics(emission), Payloads.HmmStatistics(emission)];
        var local = SufficientStatistics.Sum(parts);

        var remote = SufficientStatistics.Sum(
            parts.Select(p => StatisticsCodec.Read(Reader(Write(w => StatisticsCodec.Write(w, p))))).ToArray());

        Same.Statistics(local, remote);
    }

    [Theory]
    [MemberData(nameof(Emissions))]
    public void An_hmm_fit_checkpoint_round_trips_exactly(HmmEmission emission)
    {
        var current = new EmRunState(
            1, Payloads.Hmm(emission), [new IterationRecord(1, -3.5, double.PositiveInfinity, 2)], false);
        var best = new EmRunState(0, Payloads.Hmm(emission), [new IterationRecord(1, -3.25, 0.5, 1.5)], true);
        var state = new EmFitState(EmPhase.Iterating, current, best, [-3.25]);

        var back = FitStateCodec.Decode(FitStateCodec.Encode(state));

        Same.Parameters(current.Parameters, back.Current.Parameters);
        Same.Parameters(best.Parameters, back.Best!.Parameters);
        Assert.Equal(current.History, back.Current.History);
        Assert.Equal(state.InitLowerBounds, back.InitLowerBounds);
    }

    [Fact]
    public void An_unknown_emission_byte_is_refused()
    {
        var bytes = Write(w => StatisticsCodec.Write(w, Payloads.HmmStatistics(HmmEmission.GaussianDiag)));
        bytes[1] = 9;

        Assert.Throws<InvalidDataException>(() => StatisticsCodec.Read(Reader(bytes)));
    }

    private static byte[] Write(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    private static BinaryReader Reader(byte[] bytes) => new(new MemoryStream(bytes));
}
