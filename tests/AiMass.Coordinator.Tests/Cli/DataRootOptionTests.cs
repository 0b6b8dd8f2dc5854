using AiMass.Coordinator.Tests.Support;

namespace AiMass.Coordinator.Tests.Cli;

/// <summary>--data-root on the node commands and on <c>aimass local</c>.</summary>
public sealed class DataRootOptionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("worker", "--device reference")]
    [InlineData("coordinator", "--api 127.0.0.1:0 --data-dir STATE")]
    public void A_node_with_a_missing_data_root_stops_before_it_starts_with_exit_code_2(string node, string flags)
    {
        var missing = _dir.File("no-such-folder");
        var extra = flags.Replace("STATE", _dir.File("state"), StringComparison.Ordinal).Split(' ');

        var run = CliRun.Of([node, "--seed-nodes", "127.0.0.1:1", .. extra, "--data-root", _dir.Path,
            "--data-root", missing]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            $"aimass: --data-root '{missing}' is not an existing folder; create it or fix the path (a data root is a " +
            "folder the node may read data files from).", run.Error.Trim());
    }

    [Fact]
    public void Local_with_a_data_root_refuses_data_outside_it_with_exit_code_2()
    {
        var root = Directory.CreateDirectory(_dir.File("data")).FullName;
        var gen = CliRun.Of(["gen", "gmm", "--rows", "300", "--features", "2", "--components", "2", "--seed", "1",
            "--output", _dir.File("outside.npy")]).Succeeded();

        var run = CliRun.Of(["local", "--workers", "1", "--device", "reference", "--data-root", root, "fit", "gmm",
            "--data", _dir.File("outside.npy"), "--k", "2", "--output", _dir.File("m.json")]);

        Assert.Equal(0, gen.ExitCode);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"aimass: data file '{_dir.File("outside.npy")}' is outside this node's data roots (",
            run.Error);
        Assert.False(File.Exists(_dir.File("m.json")));
    }
}
