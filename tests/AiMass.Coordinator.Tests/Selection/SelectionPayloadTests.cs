using AiMass.Coordinator.Jobs;
using AiMass.Kernels.Candidates;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Synthetic;
using AiMass.Seed.Hosting;
using AiMass.Seed.Serialization;

namespace AiMass.Coordinator.Tests.Selection;

/// <summary>
/// The size check a job makes before each step covers a whole candidate set: every member's parameters and
/// statistics, so a selection whose members each fit but together do not fails at once, naming the remedy.
/// </summary>
public sealed class SelectionPayloadTests
{
    [Fact]
    public void A_set_whose_members_fit_alone_but_not_together_is_refused_naming_the_selection()
    {
        var members = Enumerable.Range(0, 6)
            .Select(i => (Kernels.Em.ModelParameters)SyntheticMixtures.Random(8, 16, CovarianceType.Full, seed: i))
            .ToArray();
        var set = new CandidateSet(members, members.Select(_ => true).ToArray(), 16);
        var one = StepPayloads.LayoutOf(members[0]);
        var all = StepPayloads.LayoutOf(set);
        var settings = new NodeSettings
        {
            MaxPayloadBytes = 2 * Math.Max(
                StatisticsSumCodec.MaxBytes(one, 16), StepCodec.EncodeParameters(members[0]).Length),
        };

        var alone = StepPayloads.TooLarge(members[0], StepCodec.EncodeParameters(members[0]).Length, 16, settings);
        var together = StepPayloads.TooLarge(set, StepCodec.EncodeParameters(set).Length, 16, settings);

        Assert.Null(alone);
        Assert.Equal((6 * one.Length) + 6 + 1, all.Length);
        Assert.NotNull(together);
        Assert.StartsWith("The parameters of this model selection take", together, StringComparison.Ordinal);
        Assert.Contains("select among fewer or smaller candidates", together, StringComparison.Ordinal);
    }
}
