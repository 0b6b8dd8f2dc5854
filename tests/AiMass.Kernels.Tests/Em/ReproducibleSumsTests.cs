using System.Numerics;
using AiMass.Kernels.Em;

namespace AiMass.Kernels.Tests.Em;

public sealed class ReproducibleSumsTests
{
    [Fact]
    public void Values_of_similar_magnitude_sum_to_the_correctly_rounded_exact_sum()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            var values = Enumerable.Range(0, 1 + random.Next(300))
                .Select(_ => (random.NextDouble() - 0.3) * Math.ScaleB(1, random.Next(-5, 6)))
                .ToArray();
            var sums = new ReproducibleSums(1);
            foreach (var value in values)
            {
                sums.Add(0, value);
            }

            AssertWithinHalfUlp(Exact(values), sums.Value(0));
        }
    }

    [Fact]
    public void Any_order_and_any_grouping_give_the_same_bits()
    {
        var random = new Random(12);
        var values = Enumerable.Range(0, 400).Select(_ => Wild(random)).ToArray();
        var expected = SumInOrder(values).Value(0);
        for (var trial = 0; trial < 50; trial++)
        {
            var shuffled = values.OrderBy(_ => random.Next()).ToArray();
            Assert.Equal(Bits(expected), Bits(SumInOrder(shuffled).Value(0)));
            Assert.Equal(Bits(expected), Bits(MergeInRandomGroups(shuffled, random).Value(0)));
        }
    }

    [Fact]
    public void Values_that_cancel_keep_what_plain_addition_loses()
    {
        var sums = new ReproducibleSums(1);
        AddAll(sums, 0, [1e16, 1.0, -1e16, 0.5]);

        Assert.Equal(0.5, 1e16 + 1.0 - 1e16 + 0.5); // float64 addition loses the 1
        Assert.Equal(1.5, sums.Value(0));
    }

    [Fact]
    public void The_error_stays_below_the_stated_bound_for_addends_of_any_magnitude()
    {
        var random = new Random(13);
        for (var trial = 0; trial < 100; trial++)
        {
            var values = Enumerable.Range(0, 64)
                .Select(_ => (random.NextDouble() - 0.5) * Math.ScaleB(1, random.Next(-200, 200)))
                .ToArray();
            var sums = new ReproducibleSums(1);
            AddAll(sums, 0, values);

            // n · 2^-63 · max|x|, plus the final rounding (half an ulp of the result).
            var bound = new BigInteger(values.Length) * Scaled(values.Max(Math.Abs)) / (BigInteger.One << 63);
            var result = sums.Value(0);
            var error = BigInteger.Abs(Scaled(result) - Exact(values));
            Assert.True(error <= bound + (Scaled(Math.BitIncrement(Math.Abs(result))) - Scaled(Math.Abs(result))),
                $"trial {trial}: error {error} above the bound {bound}");
        }
    }

    [Fact]
    public void Zeros_subnormals_and_the_largest_values_are_handled()
    {
        var sums = new ReproducibleSums(4);
        AddAll(sums, 0, [0.0, -0.0]);
        AddAll(sums, 1, [double.Epsilon, double.Epsilon, -double.Epsilon * 3]);
        AddAll(sums, 2, [double.MaxValue, -double.MaxValue, double.MaxValue / 2]);
        AddAll(sums, 3, [-1.5, 0.25]);

        Assert.Equal(Bits(0.0), Bits(sums.Value(0)));
        Assert.Equal(-double.Epsilon, sums.Value(1));
        Assert.Equal(double.MaxValue / 2, sums.Value(2));
        Assert.Equal(-1.25, sums.Value(3));
    }

    [Fact]
    public void NaN_and_infinities_follow_IEEE_addition_whatever_the_order()
    {
        var sums = new ReproducibleSums(4);
        AddAll(sums, 0, [1.0, double.PositiveInfinity, 2.0]);
        AddAll(sums, 1, [double.NegativeInfinity, 1.0]);
        AddAll(sums, 2, [double.PositiveInfinity, 1.0, double.NegativeInfinity]);
        AddAll(sums, 3, [1.0, double.NaN]);

        Assert.Equal(double.PositiveInfinity, sums.Value(0));
        Assert.Equal(double.NegativeInfinity, sums.Value(1));
        Assert.True(double.IsNaN(sums.Value(2)));
        Assert.True(double.IsNaN(sums.Value(3)));
    }

    [Fact]
    public void Merging_sums_of_different_lengths_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new ReproducibleSums(3).Merge(new ReproducibleSums(2)));
        Assert.StartsWith("Cannot merge 2 sums into 3.", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Magnitudes from 1e-300 to 1e300, both signs, zeros and subnormals.</summary>
    private static double Wild(Random random) => random.Next(10) switch
    {
        0 => 0.0,
        1 => double.Epsilon * random.Next(1, 1000),
        _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300)),
    };

    private static ReproducibleSums SumInOrder(double[] values)
    {
        var sums = new ReproducibleSums(1);
        AddAll(sums, 0, values);
        return sums;
    }

    /// <summary>Cuts the values into random groups, sums each, and merges the groups pairwise in random order.</summary>
    private static ReproducibleSums MergeInRandomGroups(double[] values, Random random)
    {
        var groups = new List<ReproducibleSums>();
        for (var i = 0; i < values.Length;)
        {
            var count = random.Next(1, 40);
            groups.Add(SumInOrder(values.Skip(i).Take(count).ToArray()));
            i += count;
        }

        while (groups.Count > 1)
        {
            var a = groups[random.Next(groups.Count)];
            groups.Remove(a);
            var b = groups[random.Next(groups.Count)];
            b.Merge(a);
        }

        return groups[0];
    }

    private static void AddAll(ReproducibleSums sums, int position, double[] values)
    {
        foreach (var value in values)
        {
            sums.Add(position, value);
        }
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    /// <summary>The exact value · 2^1074 (every double is an integer multiple of 2^-1074).</summary>
    private static BigInteger Scaled(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0x000F_FFFF_FFFF_FFFFL;
        var scaled = exponent == 0
            ? new BigInteger(mantissa)
            : new BigInteger(mantissa | (1L << 52)) << (exponent - 1);
        return bits < 0 ? -scaled : scaled;
    }

    private static BigInteger Exact(double[] values) =>
        values.Aggregate(BigInteger.Zero, (sum, value) => sum + Scaled(value));

    private static void AssertWithinHalfUlp(BigInteger exact, double result)
    {
        var ulp = Scaled(Math.BitIncrement(Math.Abs(result))) - Scaled(Math.Abs(result));
        var error = BigInteger.Abs(Scaled(result) - exact);
        Assert.True(2 * error <= ulp, $"{result:R} is {error} (×2^-1074) from the exact sum; half an ulp is {ulp / 2}");
    }
}
