using AiMass.Coordinator.Tests.Support;

namespace AiMass.Coordinator.Tests.Cli;

/// <summary>
/// A coordinator that cannot use its data directory, or is given a retention it cannot apply, ends at once with exit
/// code 2 and one line naming the value and the remedy (no exception, nothing started).
/// </summary>
public sealed class CoordinatorStartErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_data_directory_that_cannot_be_written_is_exit_code_2_naming_it()
    {
        File.WriteAllText(_dir.File("a-file"), "x");
        var dataDir = Path.Combine(_dir.File("a-file"), "data");

        var run = CliRun.Of("coordinator", "--seed-nodes", "127.0.0.1:1", "--data-dir", dataDir, "--api",
            "127.0.0.1:0");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"aimass: Cannot use the data directory {dataDir}: ", run.Error);
        Assert.EndsWith(
            "Give --data-dir (AiMass__DataDirectory) a folder this user can write, on a disk with free space, or fix " +
            "its permissions.", run.Error.Trim());
        Assert.Single(run.ErrorLines);
    }

    [Theory]
    [InlineData("--keep-jobs", "-1", "aimass: --keep-jobs -1 must be 0 (no limit) or more.")]
    [InlineData("--keep-days", "-2", "aimass: --keep-days -2 must be 0 (no limit) or a positive number of days.")]
    public void A_negative_retention_is_exit_code_2(string option, string value, string message)
    {
        var run = CliRun.Of("coordinator", "--seed-nodes", "127.0.0.1:1", option, value, "--data-dir",
            _dir.File("data"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(message, run.Error.Trim());
    }
}
