using AiMass.Cluster.Tests.Support;

namespace AiMass.Cluster.Tests.EndToEnd;

/// <summary>
/// A data file the user may not read, or one inside a folder the user may not search, through the <c>aimass</c>
/// tool as a process. Root reads everything, so as root (CI) the tool runs as user nobody via setpriv.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UnreadableFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_unreadable_file_or_folder_is_named_with_the_remedy_and_exit_code_2()
    {
        File.SetUnixFileMode(_dir.Path, (UnixFileMode)0b111_101_101);
        var file = Datasets.WriteMixture(_dir.File("secret.npy"), 100, 2, 2, seed: 51);
        File.SetUnixFileMode(file, UnixFileMode.None);
        Directory.CreateDirectory(_dir.File("private"));
        var hidden = Datasets.WriteMixture(Path.Combine(_dir.File("private"), "x.npy"), 100, 2, 2, seed: 52);
        File.SetUnixFileMode(
            _dir.File("private"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var unreadable = FitAsOther(file);
        var behindFolder = FitAsOther(hidden);

        Assert.Equal(2, unreadable.ExitCode);
        Assert.Equal(
            $"aimass: cannot read data file '{file}': permission denied; check the file's permissions (chmod a+r)\n",
            unreadable.Error);
        Assert.Equal(2, behindFolder.ExitCode);
        Assert.Equal(
            $"aimass: cannot read data file '{hidden}': permission denied on a folder above it; check the folders' " +
            "permissions (chmod a+x FOLDER)\n",
            behindFolder.Error);
    }

    /// <summary><c>aimass fit gmm</c> as a process that is not root (nobody, when this test runs as root).</summary>
    private ProcessRun FitAsOther(string data)
    {
        string[] fit = [Repository.Aimass(), "fit", "gmm", "--data", data, "--k", "2", "--output", _dir.File("m.json")];
        var environment = new Dictionary<string, string> { ["HOME"] = _dir.Path, ["DOTNET_CLI_HOME"] = _dir.Path };
        return Environment.UserName == "root"
            ? ProcessRun.Of("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", .. fit],
                TimeSpan.FromSeconds(60), environment)
            : ProcessRun.Of("dotnet", fit, TimeSpan.FromSeconds(60), environment);
    }
}
