using System.Text.Json;
using AiMass.Coordinator.Tests.Support;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Models;
using Xunit.Abstractions;

namespace AiMass.Coordinator.Tests.Cli;

/// <summary><c>aimass fit hmm</c> against the numpy reference fixtures of tests/fixtures/hmm.</summary>
public sealed class FitHmmCommandTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Tiny probabilities (a start state no sequence uses) are compared absolutely.</summary>
    private const double Floor = 1e-200;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("gaussian_full", 1)]
    [InlineData("gaussian_full", 3)]
    [InlineData("categorical", 1)]
    [InlineData("priors_diag", 2)]
    [InlineData("categorical_m4_priors", 1)]
    public void Fitting_from_the_fixture_init_reproduces_the_reference(string name, int partitions)
    {
        var fixture = HmmCase.Load(name);
        var model = _dir.File("model.json");

        var run = CliRun.Of([
            "fit", "hmm", "--data", fixture.Data, "--lengths", fixture.Lengths, "--init", fixture.Init,
            "--max-iter", $"{fixture.Iterations}", "--tol", "0", "--reg-covar", $"{fixture.RegCovar:R}",
            "--partitions", $"{partitions}", "--device", "reference", "--output", model,
            .. fixture.PriorArguments()]).Succeeded();

        var fitted = Assert.IsType<HmmParameters>(ModelFile.Load(model));
        var worst = Close.Models(fixture.Expected, fitted, 1e-8, Floor);
        using var file = JsonDocument.Parse(File.ReadAllText(model));
        var root = file.RootElement;
        Assert.Equal(fixture.Iterations, root.GetProperty("n_iter").GetInt32());
        Assert.False(root.GetProperty("converged").GetBoolean());
        var logLikelihood = root.GetProperty("log_likelihood").GetDouble();
        Close.Arrays([fixture.LogLikelihood], [logLikelihood], 1e-10, "log_likelihood");
        Assert.Contains($"model written to {model}", run.Out, StringComparison.Ordinal);
        output.WriteLine($"{name}, {partitions} partition(s): parameters max relative error {worst:G3}, " +
            $"log_likelihood {logLikelihood:R} vs {fixture.LogLikelihood:R}");
    }

    [Fact]
    public void An_explicit_emission_that_contradicts_the_init_model_is_refused()
    {
        var fixture = HmmCase.Load("categorical");

        var run = CliRun.Of(
            "fit", "hmm", "--data", fixture.Data, "--lengths", fixture.Lengths, "--init", fixture.Init,
            "--emission", "gaussian", "--output", _dir.File("m.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            [$"aimass: --emission gaussian differs from {fixture.Init}'s categorical emissions; " +
             "drop --emission or fix it."],
            run.ErrorLines);
    }

    [Fact]
    public void A_fit_from_the_data_with_several_initialisations_converges_and_writes_a_readable_model()
    {
        var fixture = HmmCase.Load("gaussian_diag");
        var model = _dir.File("model.json");

        var run = CliRun.Of(
            "fit", "hmm", "--data", fixture.Data, "--lengths", fixture.Lengths, "--states", "3", "--n-init", "2",
            "--seed", "4", "--device", "reference", "--output", model).Succeeded();

        var fitted = Assert.IsType<HmmParameters>(ModelFile.Load(model));
        Assert.Equal(HmmEmission.GaussianDiag, fitted.Emission);
        Assert.Contains("2 init(s) by k-means++ (seed 4), all in one pass", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"converged after \d+ iterations \(init [12] of 2\)", run.Out);
    }
}
