using System.Runtime.Versioning;

namespace AiMass.Cluster.Tests.Support;

/// <summary>
/// Runs the aimass tool as a user who is not root, for tests of file permissions (root reads everything): as root,
/// user nobody (uid 65534) through setpriv, with a copy of the built tool in a folder nobody can enter (the clone
/// itself may sit in a 0700 folder, e.g. one made by mktemp -d); as anyone else, that user.
/// </summary>
[UnsupportedOSPlatform("windows")]
public static class OtherUser
{
    private const string Nobody = "65534";

    /// <summary>True when this process runs as root (then the tool runs as nobody).</summary>
    public static bool IsRoot { get; } = Environment.UserName == "root";

    /// <summary>Why the tool cannot run as another user here, or null when it can.</summary>
    public static string? Obstacle { get; } = FindObstacle();

    /// <summary>A new folder (mode 0755) whose parents all let other users search them.</summary>
    public static string CreateFolder()
    {
        var folder = Path.Combine(ReachableBase() ?? Path.GetTempPath(), $"aimass-other-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        return folder;
    }

    /// <summary>
    /// <c>aimass ARGS</c> as a process of the other user (nobody when root) with HOME in <paramref name="folder"/>;
    /// as root it runs a world-readable copy of the built tool made in <paramref name="folder"/>.
    /// </summary>
    public static ProcessRun Aimass(string folder, TimeSpan timeout, params string[] args)
    {
        var environment = new Dictionary<string, string> { ["HOME"] = folder, ["DOTNET_CLI_HOME"] = folder };
        if (!IsRoot)
        {
            return ProcessRun.Of("dotnet", [Repository.Aimass(), .. args], timeout, environment);
        }

        var tool = CopyTool(Path.Combine(folder, "tool"));
        return ProcessRun.Of("setpriv", [.. AsNobody, "dotnet", tool, .. args], timeout, environment);
    }

    private static string[] AsNobody => [$"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups"];

    /// <summary>Copies the tool's build folder into <paramref name="target"/> (folders 0755, files 0644), once.
    /// </summary>
    private static string CopyTool(string target)
    {
        var dll = Path.Combine(target, Path.GetFileName(Repository.Aimass()));
        if (File.Exists(dll))
        {
            return dll;
        }

        var source = Path.GetDirectoryName(Repository.Aimass())!;
        var folders = Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories).Prepend(source);
        foreach (var directory in folders)
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, directory));
            Directory.CreateDirectory(copy);
            File.SetUnixFileMode(copy, (UnixFileMode)0b111_101_101);
            foreach (var file in Directory.EnumerateFiles(directory))
            {
                var to = Path.Combine(copy, Path.GetFileName(file));
                File.Copy(file, to);
                File.SetUnixFileMode(to, (UnixFileMode)0b110_100_100);
            }
        }

        return dll;
    }

    private static string? FindObstacle()
    {
        if (!IsRoot)
        {
            return null;
        }

        if (!OnPath("setpriv"))
        {
            return "running as root, and setpriv (util-linux) is not installed to run the tool as user nobody";
        }

        if (ReachableBase() is null)
        {
            return "running as root, and no temporary folder ($TMPDIR, /tmp, /var/tmp) lets user nobody in";
        }

        var probe = ProcessRun.Of(
            "setpriv", [.. AsNobody, "dotnet", "--list-runtimes"], TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { ["HOME"] = "/", ["DOTNET_CLI_HOME"] = "/tmp" });
        return probe.ExitCode == 0
            ? null
            : $"running as root, and user nobody cannot run dotnet (exit {probe.ExitCode}: " +
              $"{probe.Error.Split('\n')[0]}); install the .NET runtime where other users can run it";
    }

    /// <summary>The first of $TMPDIR, /tmp, /var/tmp whose every folder lets others search it.</summary>
    private static string? ReachableBase() =>
        new[] { Path.GetTempPath(), "/tmp", "/var/tmp" }.FirstOrDefault(SearchableByOthers);

    private static bool SearchableByOthers(string path)
    {
        for (var dir = new DirectoryInfo(path); dir is not null; dir = dir.Parent)
        {
            if (!dir.Exists || (dir.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(folder => File.Exists(Path.Combine(folder, tool)));
}
