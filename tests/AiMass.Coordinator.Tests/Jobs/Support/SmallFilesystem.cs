using System.Diagnostics;

namespace AiMass.Coordinator.Tests.Jobs.Support;

/// <summary>
/// A real, small filesystem (a 2 MiB tmpfs mounted on a temporary folder) that a test can fill to the last byte: the
/// job store's disk really is full, as SQLite sees it. Mounting needs root with CAP_SYS_ADMIN; where that is
/// missing, the tests that need it are skipped (<see cref="SmallFilesystemFactAttribute"/>).
/// </summary>
public sealed class SmallFilesystem : IDisposable
{
    private readonly string _filler;

    /// <summary>Mounts the filesystem.</summary>
    public SmallFilesystem()
    {
        Folder = Directory.CreateTempSubdirectory("aimass-small-fs-").FullName;
        if (!Run("mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", Folder))
        {
            Directory.Delete(Folder);
            throw new InvalidOperationException($"could not mount a tmpfs on {Folder}");
        }

        _filler = Path.Combine(Folder, "filler");
    }

    /// <summary>Whether this process may mount one (checked once).</summary>
    public static bool Available { get; } = Probe();

    /// <summary>The mounted folder.</summary>
    public string Folder { get; }

    /// <summary>Writes a file until the filesystem has no byte left.</summary>
    public void Fill()
    {
        using var file = new FileStream(_filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, false);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                file.Write(block);
                file.Flush();
            }
        }
        catch (IOException)
        {
            // ENOSPC: full.
        }
    }

    /// <summary>Deletes the filler: the space is back.</summary>
    public void Free() => File.Delete(_filler);

    /// <inheritdoc />
    public void Dispose()
    {
        Run("umount", "-l", Folder);
        Directory.Delete(Folder, recursive: true);
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return false;
        }

        try
        {
            new SmallFilesystem().Dispose();
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static bool Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        return process.WaitForExit(30_000) && process.ExitCode == 0;
    }
}

/// <summary>A test that needs <see cref="SmallFilesystem"/>: reported as skipped, not passed, where this process
/// cannot mount a tmpfs (not root, or no CAP_SYS_ADMIN, as in most containers and CI runners).</summary>
public sealed class SmallFilesystemFactAttribute : FactAttribute
{
    /// <summary>Skips the test where a tmpfs cannot be mounted.</summary>
    public SmallFilesystemFactAttribute()
    {
        if (!SmallFilesystem.Available)
        {
            Skip = "mounting a small tmpfs (a real full disk) needs root with CAP_SYS_ADMIN, which this process lacks";
        }
    }
}
