using AiMass.Cluster.Tests.Support;

namespace AiMass.Cluster.Tests.EndToEnd;

/// <summary>
/// A data file the user may not read, or one inside a folder the user may not search, through the <c>aimass</c>
/// tool as a process. Root reads everything, so as root the tool runs as user nobody (<see cref="OtherUser"/>),
/// from a copy in a folder nobody can enter: the test does not depend on where the clone lives.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UnreadableFileTests : IDisposable
{
    private readonly string _dir = OtherUser.CreateFolder();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [OtherUserFact]
    public void An_unreadable_file_or_folder_is_named_with_the_remedy_and_exit_code_2()
    {
        var file = Datasets.WriteMixture(Path.Combine(_dir, "secret.npy"), 100, 2, 2, seed: 51);
        File.SetUnixFileMode(file, UnixFileMode.None);
        var folder = Path.Combine(_dir, "private");
        Directory.CreateDirectory(folder);
        var hidden = Datasets.WriteMixture(Path.Combine(folder, "x.npy"), 100, 2, 2, seed: 52);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var output = Path.Combine(_dir, "m.json");

        var unreadable = OtherUser.Aimass(
            _dir, TimeSpan.FromSeconds(60), "fit", "gmm", "--data", file, "--k", "2", "--output", output);
        var behindFolder = OtherUser.Aimass(
            _dir, TimeSpan.FromSeconds(60), "fit", "gmm", "--data", hidden, "--k", "2", "--output", output);

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
}
