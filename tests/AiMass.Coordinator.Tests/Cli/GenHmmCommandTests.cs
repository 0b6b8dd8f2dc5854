using AiMass.Coordinator.Tests.Support;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Models;

namespace AiMass.Coordinator.Tests.Cli;

/// <summary><c>aimass gen hmm</c>: deterministic for a seed, shapes as asked.</summary>
public sealed class GenHmmCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("--features", "3")]
    [InlineData("--symbols", "5")]
    public void The_same_seed_writes_the_same_files_and_another_seed_other_data(string flag, string value)
    {
        var first = Generate("a", flag, value, seed: 8);
        var again = Generate("b", flag, value, seed: 8);
        var other = Generate("c", flag, value, seed: 9);

        Assert.Equal(File.ReadAllBytes(first.Data), File.ReadAllBytes(again.Data));
        Assert.Equal(File.ReadAllBytes(first.Lengths), File.ReadAllBytes(again.Lengths));
        Assert.Equal(File.ReadAllText(first.Truth), File.ReadAllText(again.Truth));
        Assert.NotEqual(File.ReadAllBytes(first.Data), File.ReadAllBytes(other.Data));
    }

    [Fact]
    public void Categorical_data_are_one_column_of_symbols_below_M_cut_by_the_lengths()
    {
        var files = Generate("cat", "--symbols", "4", seed: 2);

        var symbols = HmmCase.ReadIntegers(files.Data);
        Assert.Equal(6 * 50, symbols.Length);
        Assert.All(symbols, s => Assert.InRange(s, 0, 3));
        Assert.Equal(Enumerable.Repeat("50", 6), File.ReadAllLines(files.Lengths));
        var truth = Assert.IsType<HmmParameters>(ModelFile.Load(files.Truth));
        Assert.Equal((HmmEmission.Categorical, 3, 4), (truth.Emission, truth.States, truth.Symbols));
    }

    [Fact]
    public void Giving_both_features_and_symbols_is_a_usage_error()
    {
        var run = CliRun.Of(
            "gen", "hmm", "--sequences", "2", "--length", "5", "--states", "2", "--features", "2", "--symbols", "3",
            "--output", _dir.File("x.npy"), "--lengths-output", _dir.File("l.txt"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            ["aimass: Give exactly one of --features D (Gaussian emissions) and --symbols M (categorical emissions)."],
            run.ErrorLines);
    }

    private (string Data, string Lengths, string Truth) Generate(string tag, string flag, string value, int seed)
    {
        var files = (_dir.File($"{tag}.npy"), _dir.File($"{tag}-lengths.txt"), _dir.File($"{tag}-truth.json"));
        CliRun.Of(
            "gen", "hmm", "--sequences", "6", "--length", "50", "--states", "3", flag, value, "--seed", $"{seed}",
            "--output", files.Item1, "--lengths-output", files.Item2, "--truth-output", files.Item3).Succeeded();
        return files;
    }
}
