using Xunit;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Hmm;
using Xunit.Abstractions;

namespace AiMass.Kernels.Tests.Hmm;

/// <summary>The C# HMM against the independent numpy reference of tests/fixtures/hmm.</summary>
public sealed class HmmFixtureTests(ITestOutputHelper output)
{
    /// <summary>Tiny probabilities (a start state a single long sequence never uses) are compared absolutely.</summary>
    private const double Floor = 1e-200;

    public static TheoryData<string> Cases => [.. HmmFixture.Cases];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parameters_after_the_fixed_iterations_match_the_reference(string name)
    {
        var fixture = HmmFixture.Load(name);
        var model = new HmmMStep(fixture.RegCovar) { Priors = fixture.Priors };
        var run = new EmRun(model, fixture.Initial, new EmSettings(fixture.Iterations, Tolerance: 0));
        using var backend = new ReferenceBackend();
        using var step = backend.Bind(fixture.Partition);
        while (!run.IsFinished)
        {
            run.Advance(step.Compute(run.Parameters, CancellationToken.None));
        }

        Assert.Equal(fixture.Iterations, run.Iteration);
        var fitted = (HmmParameters)run.Parameters;
        var parameters = Assertions.SameModel(fixture.Final, fitted, 1e-8, Floor);
        var bounds = Assertions.Close(
            fixture.LowerBounds, run.History.Select(r => r.LowerBound).ToArray(), 1e-10, "lower bound");
        var total = ReferenceHmmEStep.Compute(fixture.Partition, fitted, CancellationToken.None).LogLikelihood;
        Assertions.Close([fixture.FinalLogLikelihood], [total], 1e-10, "final log-likelihood");
        output.WriteLine($"{name}: parameters max rel error {parameters:G3}, lower bounds {bounds:G3}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Viterbi_paths_equal_the_reference(string name)
    {
        var fixture = HmmFixture.Load(name);
        var decoded = Viterbi.Decode(fixture.Partition, fixture.Final);
        Assert.Equal(fixture.Viterbi, decoded.States);
        Assertions.Close(fixture.ViterbiLogProbabilities, decoded.SequenceLogProbabilities, 1e-12, "Viterbi log p");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Posterior_paths_and_sequence_scores_equal_the_reference(string name)
    {
        var fixture = HmmFixture.Load(name);
        var decoded = PosteriorDecoder.Decode(fixture.Partition, fixture.Final);
        Assert.Equal(fixture.Posterior, decoded.States);
        var scores = HmmScorer.Score(fixture.Partition, fixture.Final);
        var worst = Assertions.Close(fixture.SequenceScores, scores, 1e-12, "sequence score");
        Assertions.Close(fixture.SequenceScores, decoded.SequenceLogProbabilities, 1e-12, "posterior log p");
        output.WriteLine($"{name}: sequence scores max rel error {worst:G3}");
    }
}
