using AiMass.Kernels.Em;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;

namespace AiMass.Seed.Tests.Serialization;

/// <summary>The chunked step payloads: requests with every parameters kind, answers with every statistics
/// kind.</summary>
public sealed class StepCodecTests
{
    private static readonly SubtreeNode[] Subtree =
    [
        new("akka.tcp://aimass@w:3", -1, [new PartitionAsk(4, 1)]),
        new("akka.tcp://aimass@w:4", 0, [new PartitionAsk(5, 2), new PartitionAsk(6, 1)]),
    ];

    [Fact]
    public void A_step_request_comes_back_with_every_field_and_the_parameters_bytes_to_forward()
    {
        foreach (var parameters in Payloads.AllParameters)
        {
            var step = new NodeCommands.ComputeStep(
                "job-9", 7, 1L << 41, "akka.tcp://aimass@c:1/user/job-manager/job-9#123", MessageSamples.Dataset,
                parameters, [new PartitionAsk(0, 1), new PartitionAsk(3, 4)], Subtree);
            var encoded = StepCodec.EncodeParameters(parameters);

            var payload = StepCodec.Encode(step, encoded);
            var (back, forward) = StepCodec.DecodeStep(payload.Slice(0, (int)payload.Length).ToArray());

            Assert.Equal((step.JobId, step.Step, step.RequestId, step.ReplyTo, step.Dataset),
                (back.JobId, back.Step, back.RequestId, back.ReplyTo, back.Dataset));
            Assert.Equal(step.Partitions, back.Partitions);
            Assert.Equal(Subtree.Select(n => (n.Address, n.Parent, string.Join(',', n.Partitions))),
                back.Subtree.Select(n => (n.Address, n.Parent, string.Join(',', n.Partitions))));
            Same.Parameters(parameters, back.Parameters);
            Assert.Equal(encoded, forward.ToArray());
        }
    }

    [Fact]
    public void A_step_answer_comes_back_with_its_lists_and_its_sums_exactly()
    {
        foreach (var statistics in Payloads.AllStatistics)
        {
            var sum = new StatisticsSum(statistics.Layout);
            sum.Add(statistics);
            sum.Add(statistics);
            var answer = new NodeEvents.StepComputed(
                "job-9", 7, 42, "akka.tcp://aimass@w:3",
                [new PartitionDone(4, 1, 12.5, 0, "akka.tcp://aimass@w:3", "cpu"),
                 new PartitionDone(5, 2, 3.25, 80, "akka.tcp://aimass@w:4", "cuda 0")],
                [new PartitionFailure(6, 1, PartitionFailureKind.DataUnreadable, "no file", "akka.tcp://aimass@w:4")],
                ["akka.tcp://aimass@w:5"], sum);

            var (back, bytes) = StepCodec.DecodeComputed(StepCodec.Encode(answer));

            Assert.Equal((answer.JobId, answer.Step, answer.RequestId, answer.Node),
                (back.JobId, back.Step, back.RequestId, back.Node));
            Assert.Equal(answer.Done, back.Done);
            Assert.Equal(answer.Failed, back.Failed);
            Assert.Equal(answer.LostNodes, back.LostNodes);
            Same.Statistics(sum.Total(), StatisticsSumCodec.Decode(bytes.Span).Total());
        }
    }

    [Fact]
    public void An_answer_without_statistics_has_no_sum_bytes()
    {
        var answer = new NodeEvents.StepComputed("job-9", 1, 2, "w", [], [], [], null);

        var (_, bytes) = StepCodec.DecodeComputed(StepCodec.Encode(answer));

        Assert.Equal(0, bytes.Length);
    }

    [Fact]
    public void A_sum_folded_from_bytes_keeps_every_bin_flag_and_count_of_the_original()
    {
        var statistics = Payloads.MixtureStatistics(Kernels.Mixture.CovarianceType.Full);
        var sum = new StatisticsSum(statistics.Layout);
        for (var i = 0; i < 300; i++)
        {
            sum.Add(statistics); // bin sums above 2^39: six bytes each
        }

        sum.Values.Add(0, double.NaN);
        var target = new StatisticsSum(statistics.Layout);
        target.Add(statistics);

        StatisticsSumCodec.FoldInto(StatisticsSumCodec.Encode(sum), target);
        sum.Add(statistics);

        Assert.Equal(sum.Values.TopBins.ToArray(), target.Values.TopBins.ToArray());
        Assert.Equal(sum.Values.Bins.ToArray(), target.Values.Bins.ToArray());
        Assert.Equal(sum.Values.SpecialFlags.ToArray(), target.Values.SpecialFlags.ToArray());
        Assert.Equal((sum.Rows, sum.Sequences, sum.Parts), (target.Rows, target.Sequences, target.Parts));
    }

    [Fact]
    public void A_sum_of_another_shape_is_not_folded()
    {
        var full = new StatisticsSum(Payloads.MixtureStatistics(Kernels.Mixture.CovarianceType.Full).Layout);
        var diag = Payloads.MixtureStatistics(Kernels.Mixture.CovarianceType.Diag);
        var other = new StatisticsSum(diag.Layout);
        other.Add(diag);

        var bytes = StatisticsSumCodec.Encode(other);
        var e = Assert.Throws<InvalidDataException>(() => StatisticsSumCodec.FoldInto(bytes, full));

        Assert.StartsWith("Statistics of shape GaussianMixtureStatisticsLayout", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bound_used_before_a_job_starts_covers_the_actual_size()
    {
        var statistics = Payloads.MixtureStatistics(Kernels.Mixture.CovarianceType.Full);
        var sum = new StatisticsSum(statistics.Layout);
        for (var i = 0; i < 128; i++)
        {
            sum.Add(statistics);
        }

        Assert.InRange(StatisticsSumCodec.Encode(sum).Length, 1, StatisticsSumCodec.MaxBytes(statistics.Layout, 128));
    }
}
