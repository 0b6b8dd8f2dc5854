using AiMass.Kernels.Em;

namespace AiMass.Kernels.Tests.Em;

public sealed class LowerBoundChangeTests
{
    [Theory]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(-0.00125, "-1.250e-03")]
    [InlineData(0.011643, "+1.164e-02")]
    [InlineData(0.0, "+0.000e+00")]
    public void A_change_is_written_as_a_short_signed_scientific_number(double change, string expected) =>
        Assert.Equal(expected, LowerBoundChange.Format(change));
}
