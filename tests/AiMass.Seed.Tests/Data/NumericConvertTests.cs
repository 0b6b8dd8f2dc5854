using AiMass.Seed.Data;
using Xunit;

namespace AiMass.Seed.Tests.Data;

public sealed class NumericConvertTests
{
    [Fact]
    public void Vector_widening_and_narrowing_match_scalar_casts_for_every_length_and_tail()
    {
        var random = new Random(11);
        for (var length = 0; length <= 70; length++)
        {
            var doubles = Enumerable.Range(0, length).Select(_ => (random.NextDouble() - 0.5) * 1e6).ToArray();
            var floats = doubles.Select(v => (float)v).ToArray();
            var narrowed = new float[length + 1];
            var widened = new double[length + 1];
            narrowed[^1] = 42f;
            widened[^1] = 42;
            NumericConvert.Narrow(doubles, narrowed);
            NumericConvert.Widen(floats, widened);
            Assert.Equal(floats, narrowed[..length]);
            Assert.Equal(floats.Select(v => (double)v), widened[..length]);
            Assert.Equal((42f, 42.0), (narrowed[^1], widened[^1]));
        }
    }

    [Fact]
    public void A_short_destination_is_refused()
    {
        Assert.Throws<ArgumentException>(() => NumericConvert.Widen(new float[5], new double[4]));
        Assert.Throws<ArgumentException>(() => NumericConvert.Narrow(new double[5], new float[4]));
    }
}
