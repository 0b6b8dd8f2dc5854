using System.Collections;
using AiMass.Kernels;

namespace AiMass.Seed.Data;

/// <summary>
/// How a dataset is cut into partitions: contiguous, in order, every partition non-empty, every row in exactly
/// one partition. Pure and deterministic: the same inputs give the same plan on every node.
/// </summary>
public sealed class PartitionPlan : IReadOnlyList<PartitionRange>
{
    private readonly PartitionRange[] _ranges;

    private PartitionPlan(PartitionRange[] ranges, long rows)
    {
        _ranges = ranges;
        TotalRows = rows;
    }

    /// <summary>Rows in the whole dataset.</summary>
    public long TotalRows { get; }

    /// <inheritdoc />
    public int Count => _ranges.Length;

    /// <inheritdoc />
    public PartitionRange this[int index] => _ranges[index];

    /// <summary>
    /// Cuts <paramref name="rows"/> independent rows into <paramref name="partitions"/> contiguous ranges whose sizes
    /// differ by at most one: with q = ⌊N/P⌋ and r = N mod P, partitions 0..r−1 get q + 1 rows, the rest q.
    /// </summary>
    /// <exception cref="InvalidInputException">Fewer than one partition, or more partitions than rows.</exception>
    public static PartitionPlan ForRows(long rows, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        CheckCount(partitions, rows, "rows");
        var size = rows / partitions;
        var extra = rows % partitions;
        var ranges = new PartitionRange[partitions];
        long first = 0;
        for (var i = 0; i < partitions; i++)
        {
            var count = size + (i < extra ? 1 : 0);
            ranges[i] = new PartitionRange(i, first, count, 0, 0);
            first += count;
        }

        return new PartitionPlan(ranges, rows);
    }

    /// <summary>
    /// Cuts sequences (given by their <paramref name="lengths"/>, all ≥ 1) into <paramref name="partitions"/>
    /// contiguous runs of whole sequences balanced by rows: cut i (1 ≤ i &lt; P) is the sequence boundary nearest to
    /// the ideal row i·N/P (the earlier one on a tie), moved as little as needed to leave every partition at least
    /// one sequence. A sequence is never cut, so partitions are as balanced as the longest sequences allow.
    /// </summary>
    /// <exception cref="InvalidInputException">Fewer than one partition, or more partitions than sequences.</exception>
    public static PartitionPlan ForSequences(IReadOnlyList<int> lengths, int partitions)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        var ends = CumulativeEnds(lengths);
        var sequences = lengths.Count;
        CheckCount(partitions, sequences, "sequences");
        var total = ends[sequences];
        var ranges = new PartitionRange[partitions];
        var startSequence = 0;
        for (var i = 0; i < partitions; i++)
        {
            var endSequence = i == partitions - 1
                ? sequences
                : NearestBoundary(ends, (Int128)i + 1, partitions, startSequence + 1, sequences - (partitions - i - 1));
            var firstRow = ends[startSequence];
            ranges[i] = new PartitionRange(
                i, firstRow, ends[endSequence] - firstRow, startSequence, endSequence - startSequence);
            startSequence = endSequence;
        }

        return new PartitionPlan(ranges, total);
    }

    /// <inheritdoc />
    public IEnumerator<PartitionRange> GetEnumerator() => ((IEnumerable<PartitionRange>)_ranges).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>ends[j] = rows in sequences 0..j−1 (ends[0] = 0, ends[S] = N).</summary>
    private static long[] CumulativeEnds(IReadOnlyList<int> lengths)
    {
        var ends = new long[lengths.Count + 1];
        for (var j = 0; j < lengths.Count; j++)
        {
            if (lengths[j] <= 0)
            {
                throw new ArgumentException(
                    $"Sequence {j} has length {lengths[j]}; lengths must be positive.", nameof(lengths));
            }

            ends[j + 1] = ends[j] + lengths[j];
        }

        return ends;
    }

    /// <summary>
    /// The boundary j in [low, high] minimising |ends[j] − i·N/P|, compared exactly as |P·ends[j] − i·N|.
    /// The distance is unimodal in j (ends is increasing), so the unconstrained nearest clamped to [low, high] is
    /// the constrained nearest.
    /// </summary>
    private static int NearestBoundary(long[] ends, Int128 i, int partitions, int low, int high)
    {
        var target = i * ends[^1];
        // First boundary with P·ends[j] ≥ i·N, by binary search.
        int lo = 0, hi = ends.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if ((Int128)partitions * ends[mid] >= target)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        var best = lo;
        if (lo > 0 && target - ((Int128)partitions * ends[lo - 1]) <= ((Int128)partitions * ends[lo]) - target)
        {
            best = lo - 1;
        }

        return Math.Clamp(best, low, high);
    }

    private static void CheckCount(int partitions, long available, string unit)
    {
        if (partitions < 1)
        {
            throw new InvalidInputException($"--partitions {partitions} is too small; use at least 1");
        }

        if (partitions > available)
        {
            throw new InvalidInputException(
                $"--partitions {partitions} is more than the {available} {unit}; use at most {available}");
        }
    }
}
