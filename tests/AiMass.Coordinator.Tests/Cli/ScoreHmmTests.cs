using AiMass.Coordinator.Tests.Support;
using AiMass.Seed.Data;

namespace AiMass.Coordinator.Tests.Cli;

/// <summary><c>aimass score</c> with an HMM: one log-likelihood per sequence.</summary>
public sealed class ScoreHmmTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("gaussian_full")]
    [InlineData("categorical_m4_priors")]
    public void Per_sequence_log_likelihoods_equal_the_reference(string name)
    {
        var fixture = HmmCase.Load(name);
        var model = _dir.Text("model.json", fixture.ExpectedModelJson);
        var path = _dir.File("scores.npy");

        var run = CliRun.Of(
            "score", "--model", model, "--data", fixture.Data, "--lengths", fixture.Lengths, "--output", path)
            .Succeeded();

        using var source = new NpyRowSource(path);
        var scores = new double[source.Rows];
        source.Read(0, scores.Length, scores);
        Close.Arrays(fixture.SequenceScores, scores, 1e-12, "sequence score");
        Assert.StartsWith(
            $"log-likelihood {scores.Sum():R} over {fixture.SequenceScores.Length} sequence(s)", run.Out,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Lengths_with_a_mixture_model_are_a_usage_error()
    {
        var mixture = _dir.Text(
            "gmm.json",
            "{\"kind\":\"gmm\",\"covariance_type\":\"diag\",\"weights\":[1],\"means\":[[0,0,0]]," +
            "\"covariances\":[[1,1,1]]}");
        var fixture = HmmCase.Load("gaussian_diag");

        var run = CliRun.Of("score", "--model", mixture, "--data", fixture.Data, "--lengths", fixture.Lengths);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["aimass: --lengths applies to HMM models only; drop it for a mixture."], run.ErrorLines);
    }
}
