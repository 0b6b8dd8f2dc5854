using AiMass.Coordinator.Jobs;
using AiMass.Kernels.Em;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;

namespace AiMass.Coordinator.Tests.Jobs;

/// <summary>
/// A step's account at the coordinator: duplicate and stale answers, answers overlapping what is counted, attempts,
/// and totals whose bits do not depend on how partitions were grouped into answers or in what order they came.
/// </summary>
public sealed class StepLedgerTests
{
    private const int Partitions = 12;
    private static readonly GaussianMixtureStatistics[] Parts = Enumerable.Range(0, Partitions).Select(Part).ToArray();

    [Fact]
    public void Answers_grouped_and_ordered_in_any_way_give_the_bits_of_the_local_sum()
    {
        var expected = Bits(StatisticsSum.Of(Parts));
        var random = new Random(5);
        for (var trial = 0; trial < 20; trial++)
        {
            var ledger = new StepLedger(3, Partitions);
            var groups = Enumerable.Range(0, Partitions).OrderBy(_ => random.Next())
                .GroupBy(_ => random.Next(1 + (trial % 5))).Select(g => g.ToArray()).ToArray();
            foreach (var (group, id) in groups.Select((g, i) => (g, (long)i)))
            {
                ledger.Asked(id, $"w{id}", group);
            }

            foreach (var (group, id) in groups.Select((g, i) => (g, (long)i)).OrderBy(_ => random.Next()))
            {
                var (answer, sum) = Answer(3, id, group);
                Assert.Equal(LedgerAnswerKind.Accepted, ledger.Answer(answer, sum).Kind);
            }

            Assert.True(ledger.IsComplete);
            Assert.Equal(expected, Bits(ledger.Sum()));
        }
    }

    [Fact]
    public void A_duplicate_answer_is_counted_once()
    {
        var ledger = new StepLedger(1, Partitions);
        ledger.Asked(7, "w1", [0, 1]);
        var (answer, sum) = Answer(1, 7, [0, 1]);

        var first = ledger.Answer(answer, sum);
        var second = ledger.Answer(answer, sum);

        Assert.Equal(LedgerAnswerKind.Accepted, first.Kind);
        Assert.Equal([0, 1], first.Counted);
        Assert.Equal(LedgerAnswerKind.Duplicate, second.Kind);
        Assert.Equal(2, ledger.Done);
        Assert.Equal(2, ledger.Accumulated!.Parts);
    }

    [Fact]
    public void Answers_of_another_step_or_of_a_request_never_made_are_stale()
    {
        var ledger = new StepLedger(4, Partitions);
        ledger.Asked(1, "w1", [0]);
        var (old, oldSum) = Answer(3, 1, [0]);
        var (unknown, unknownSum) = Answer(4, 99, [0]);

        Assert.Equal(LedgerAnswerKind.Stale, ledger.Answer(old, oldSum).Kind);
        Assert.Equal(LedgerAnswerKind.Stale, ledger.Answer(unknown, unknownSum).Kind);
        Assert.Equal(0, ledger.Done);
        Assert.Null(ledger.Accumulated);
    }

    [Fact]
    public void An_answer_overlapping_counted_partitions_is_dropped_and_the_rest_is_returned_to_ask_again()
    {
        var ledger = new StepLedger(2, Partitions);
        ledger.Asked(1, "w1", [0, 1, 2]);
        ledger.Asked(2, "w2", [1]); // a re-ask (or a speculative copy) of partition 1
        var (copy, copySum) = Answer(2, 2, [1]);
        var (tree, treeSum) = Answer(2, 1, [0, 1, 2]);

        Assert.Equal(LedgerAnswerKind.Accepted, ledger.Answer(copy, copySum).Kind);
        var overlap = ledger.Answer(tree, treeSum);

        Assert.Equal(LedgerAnswerKind.Overlap, overlap.Kind);
        Assert.Equal([0, 2], overlap.Remainder);
        Assert.Equal(1, ledger.Done);
        Assert.Equal([0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], ledger.Missing());
    }

    [Fact]
    public void Partitions_a_request_covered_but_its_answer_left_out_are_reported_unanswered()
    {
        var ledger = new StepLedger(2, Partitions);
        ledger.Asked(1, "w1", [0, 1, 2, 3]);
        var (answer, sum) = Answer(2, 1, [0], lost: ["w2"],
            failed: [new PartitionFailure(3, 1, PartitionFailureKind.Transient, "device lost", "w3")]);

        var taken = ledger.Answer(answer, sum);

        Assert.Equal([1, 2], taken.Unanswered);
        Assert.Equal(3, Assert.Single(taken.Failures).Partition);
        Assert.Equal([1, 2, 3], ledger.Uncounted(1));
    }

    [Fact]
    public void A_failure_of_a_partition_already_counted_is_ignored()
    {
        var ledger = new StepLedger(2, Partitions);
        ledger.Asked(1, "w1", [0]);
        ledger.Asked(2, "w2", [0]);
        var (answer, sum) = Answer(2, 1, [0]);
        ledger.Answer(answer, sum);
        var failure = new PartitionFailure(0, 1, PartitionFailureKind.Transient, "x", "w2");
        var (failed, none) = Answer(2, 2, [], failed: [failure]);

        Assert.Empty(ledger.Answer(failed, none).Failures);
    }

    [Fact]
    public void Attempts_start_at_one_and_count_each_re_ask()
    {
        var ledger = new StepLedger(1, Partitions);

        Assert.Equal(1, ledger.Attempt(4));
        Assert.Equal(2, ledger.NextAttempt(4));
        Assert.Equal(3, ledger.NextAttempt(4));
        Assert.Equal(3, ledger.Attempt(4));
        Assert.Equal(1, ledger.Attempt(5));
    }

    [Fact]
    public void The_total_is_refused_until_every_partition_is_counted()
    {
        var ledger = new StepLedger(1, 3);
        ledger.Asked(1, "w1", [0, 2]);
        var (answer, sum) = Answer(1, 1, [0, 2]);
        ledger.Answer(answer, sum);

        var e = Assert.Throws<InvalidOperationException>(() => ledger.Sum());
        Assert.Equal("Partitions 1 have not answered.", e.Message);
    }

    [Fact]
    public void The_slowest_partition_is_the_longest_E_step_counted()
    {
        var ledger = new StepLedger(1, Partitions);
        ledger.Asked(1, "w1", [0, 1, 2]);
        var (answer, sum) = Answer(1, 1, [0, 1, 2]);

        ledger.Answer(answer, sum);

        Assert.Equal((2, 12.0, "w-2"), ledger.Slowest);
    }

    private static (NodeEvents.StepComputed Answer, ReadOnlyMemory<byte> Sum) Answer(
        int step, long request, int[] partitions, string[]? lost = null, PartitionFailure[]? failed = null)
    {
        var sum = new StatisticsSum(Parts[0].Layout);
        foreach (var p in partitions)
        {
            sum.Add(Parts[p]);
        }

        var done = partitions.Select(p => new PartitionDone(p, 1, 10.0 + (p % 3), 0, $"w-{p}", "cpu")).ToArray();
        var answer = new NodeEvents.StepComputed(
            "job", step, request, "w", done, failed ?? [], lost ?? [], partitions.Length > 0 ? sum : null);
        var bytes = StepCodec.DecodeComputed(StepCodec.Encode(answer)).Sum;
        return (answer with { Sum = null }, bytes);
    }

    /// <summary>Statistics of partition <paramref name="p"/>: values of many magnitudes, so that the order of plain
    /// float64 additions would change the bits.</summary>
    private static GaussianMixtureStatistics Part(int p)
    {
        var random = new Random(100 + p);
        double Value() => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-8, 9));
        return new GaussianMixtureStatistics(
            CovarianceType.Diag, 2, 2, [Math.Abs(Value()), Math.Abs(Value())], [Value(), Value(), Value(), Value()],
            [Math.Abs(Value()), Math.Abs(Value()), Math.Abs(Value()), Math.Abs(Value())], -Math.Abs(Value()),
            100 + p, 100 + p);
    }

    private static string Bits(SufficientStatistics statistics)
    {
        var s = (GaussianMixtureStatistics)statistics;
        return string.Join(',', s.N.Concat(s.S1).Concat(s.S2).Append(s.LogLikelihood).Append(s.Weight)
            .Select(v => BitConverter.DoubleToInt64Bits(v).ToString("x16"))) + $"|{s.Rows}";
    }
}
