using AiMass.Kernels.Candidates;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Inference;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;

namespace AiMass.Seed.Tests.Serialization;

/// <summary>
/// Candidate sets, partial labels and inference steps in the node-level step protocol: one request carries the
/// members, their precisions and the labels path; answers carry order-independent sums whose members have exactly
/// the bits of each member's sum alone, and inference reports whose counts are exact.
/// </summary>
public sealed class CandidateStepTests
{
    private static readonly SubtreeNode[] Subtree = [new("akka.tcp://aimass@w:3", -1, [new PartitionAsk(2, 1)])];

    [Fact]
    public void A_node_request_carries_the_candidate_set_its_precisions_and_the_labels_path()
    {
        var set = new CandidateSet(
            [Payloads.Mixture(CovarianceType.Full), Payloads.Mixture(CovarianceType.Spherical)],
            [true, false], 4, [EStepPrecision.Single, null]);
        var dataset = MessageSamples.Dataset with { Labels = "/data/labels.npy" };
        var step = new NodeCommands.ComputeStep(
            "job-3", 2, 17, "akka.tcp://aimass@c:1/user/job-manager/job-3#1", dataset, set,
            [new PartitionAsk(0, 1), new PartitionAsk(1, 1)], Subtree);
        var encoded = StepCodec.EncodeParameters(set);

        var payload = StepCodec.Encode(step, encoded);
        var (back, forward) = StepCodec.DecodeStep(payload.Slice(0, (int)payload.Length).ToArray());

        Assert.Equal(dataset, back.Dataset);
        Assert.Equal("/data/labels.npy", back.Dataset.Labels);
        var arrived = Assert.IsType<CandidateSet>(back.Parameters);
        Assert.Equal([true, false], arrived.Classify);
        Assert.Equal([EStepPrecision.Single, null], arrived.Precisions);
        Same.Parameters(set.Members[0], arrived.Members[0]);
        Same.Parameters(set.Members[1], arrived.Members[1]);
        Assert.Equal(encoded, forward.ToArray());
    }

    [Fact]
    public void Summed_candidate_statistics_give_each_member_the_bits_of_its_own_sum_whatever_the_grouping()
    {
        var parts = Enumerable.Range(0, 5).Select(Part).ToArray();
        var alone = Enumerable.Range(0, 3).Select(m => StatisticsSum.Of(parts.Select(p => p.Members[m]).ToArray()))
            .ToArray();

        // Two nodes' pre-sums of different partitions, through the wire, folded in the other order.
        var first = new StatisticsSum(parts[0].Layout);
        var second = new StatisticsSum(parts[0].Layout);
        foreach (var i in new[] { 4, 1 })
        {
            first.Add(parts[i]);
        }

        foreach (var i in new[] { 3, 0, 2 })
        {
            second.Add(parts[i]);
        }

        var total = StatisticsSumCodec.Decode(StatisticsSumCodec.Encode(second));
        StatisticsSumCodec.FoldInto(StatisticsSumCodec.Encode(first), total);
        var set = Assert.IsType<CandidateSetStatistics>(total.Total());

        for (var m = 0; m < 3; m++)
        {
            Same.Statistics(alone[m], set.Members[m]);
        }

        Assert.Equal(((HmmStatistics)alone[1]).Sequences, ((HmmStatistics)set.Members[1]).Sequences);
        Assert.Equal(parts.Sum(p => p.Rows), set.Rows);
        Same.Arrays([-10.5 * 5, 0, -2.25 * 5], set.Classification);
        Assert.Equal(StatisticsSum.Of(parts).Weight, set.Weight);
    }

    [Fact]
    public void A_sum_of_another_candidate_set_is_not_folded()
    {
        var part = Part(0);
        var other = new CandidateSetStatistics([part.Members[0]], [0], part.Rows, part.Weight);
        var sum = new StatisticsSum(other.Layout);
        sum.Add(other);

        var e = Assert.Throws<InvalidDataException>(
            () => StatisticsSumCodec.FoldInto(StatisticsSumCodec.Encode(sum), new StatisticsSum(part.Layout)));

        Assert.StartsWith("Statistics of shape CandidateSetStatisticsLayout", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bound_used_before_a_selection_starts_covers_its_actual_answer()
    {
        var sum = new StatisticsSum(Part(0).Layout);
        for (var i = 0; i < 128; i++)
        {
            sum.Add(Part(i));
        }

        Assert.InRange(StatisticsSumCodec.Encode(sum).Length, 1, StatisticsSumCodec.MaxBytes(sum.Layout, 128));
    }

    [Fact]
    public void Inference_reports_sum_to_exact_counts_through_a_node_answer()
    {
        var sum = new StatisticsSum(InferenceStatisticsLayout.Instance);
        sum.Add(new InferenceStatistics(5000, 40, -1234.5, 1));
        sum.Add(new InferenceStatistics(7001, 41, -0.25, 1));
        var answer = new NodeEvents.StepComputed("job", 1, 2, "w", [], [], [], sum);

        var (_, bytes) = StepCodec.DecodeComputed(StepCodec.Encode(answer));
        var back = Assert.IsType<InferenceStatistics>(StatisticsSumCodec.Decode(bytes.Span).Total());

        Assert.Equal((12001L, 81L, -1234.75, 2), (back.Rows, back.Outputs, back.LogLikelihood, back.Parts));
    }

    /// <summary>Partition <paramref name="i"/>'s statistics of a set: a full mixture, an HMM, a diag mixture.
    /// </summary>
    private static CandidateSetStatistics Part(int i)
    {
        var hmm = Payloads.HmmStatistics(HmmEmission.GaussianDiag);
        var members = new SufficientStatistics[]
        {
            Scaled(Payloads.MixtureStatistics(CovarianceType.Full), 1 + (0.37 * i), hmm.Rows),
            hmm,
            Scaled(Payloads.MixtureStatistics(CovarianceType.Diag), 1 - (0.11 * i), hmm.Rows),
        };
        return new CandidateSetStatistics(members, [-10.5, 0, -2.25], hmm.Rows, hmm.Rows);
    }

    /// <summary>The statistics times <paramref name="factor"/>, counted as <paramref name="rows"/> rows (every
    /// member of a set covers the same rows).</summary>
    private static GaussianMixtureStatistics Scaled(SufficientStatistics statistics, double factor, long rows)
    {
        var s = (GaussianMixtureStatistics)statistics;
        return new GaussianMixtureStatistics(
            s.CovarianceType, s.Components, s.Features, s.N.Select(v => v * factor).ToArray(),
            s.S1.Select(v => v * factor).ToArray(), s.S2.Select(v => v * factor).ToArray(),
            s.LogLikelihood * factor, s.Weight, rows);
    }
}
