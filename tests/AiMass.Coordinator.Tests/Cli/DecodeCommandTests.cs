using AiMass.Coordinator.Tests.Support;

namespace AiMass.Coordinator.Tests.Cli;

/// <summary><c>aimass decode</c> against the fixtures' Viterbi and posterior paths.</summary>
public sealed class DecodeCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Cases =>
        ["gaussian_diag", "gaussian_full", "categorical", "structural_zero", "long_sequence"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Viterbi_decoding_reproduces_the_reference_path_exactly(string name)
    {
        var fixture = HmmCase.Load(name);
        var model = _dir.Text("model.json", fixture.ExpectedModelJson);
        var path = _dir.File("states.npy");

        var run = CliRun.Of(
            "decode", "--model", model, "--data", fixture.Data, "--lengths", fixture.Lengths, "--output", path)
            .Succeeded();

        Assert.Equal(fixture.Viterbi, HmmCase.ReadIntegers(path));
        Assert.Contains($"decoded {fixture.Viterbi.Length} rows", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Map_decoding_reproduces_the_reference_posterior_path_as_csv(string name)
    {
        var fixture = HmmCase.Load(name);
        var model = _dir.Text("model.json", fixture.ExpectedModelJson);
        var path = _dir.File("states.csv");

        CliRun.Of(
            "decode", "--model", model, "--data", fixture.Data, "--lengths", fixture.Lengths, "--algorithm", "map",
            "--output", path).Succeeded();

        Assert.Equal(fixture.Posterior, File.ReadAllLines(path).Select(int.Parse).ToArray());
    }

    [Fact]
    public void An_unknown_algorithm_is_a_usage_error()
    {
        var fixture = HmmCase.Load("categorical");
        var model = _dir.Text("model.json", fixture.ExpectedModelJson);

        var run = CliRun.Of(
            "decode", "--model", model, "--data", fixture.Data, "--algorithm", "beam", "--output", _dir.File("s.npy"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["aimass: --algorithm beam: use viterbi or map."], run.ErrorLines);
    }
}
