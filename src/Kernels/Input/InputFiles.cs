using Microsoft.Win32.SafeHandles;

namespace AiMass.Kernels.Input;

/// <summary>
/// The gate every reader of an input file (data, sample weights, sequence lengths, model and <c>--init</c> files)
/// passes at open: only regular files are read — never a file of the kernel's pseudo file systems (<c>/proc</c>,
/// <c>/sys</c>: they hold the process's environment), a device, a named pipe or a socket, also not through a
/// symbolic link — and, with <see cref="DataRoots"/>, only inside the roots after links and <c>..</c> are resolved.
/// Errors name the path and the remedy.
/// </summary>
public static class InputFiles
{
    private static readonly string[] KernelFolders = ["/proc", "/sys", "/dev"];

    /// <summary>
    /// Checks that <paramref name="path"/> names a regular file this node may read and returns its resolved path.
    /// <paramref name="role"/> names the file in messages ("data file", "lengths file").
    /// </summary>
    /// <exception cref="InvalidInputException">Empty, missing, a folder, not a regular file, a kernel file, or
    /// outside <paramref name="roots"/>.</exception>
    public static string Check(string path, string role = "data file", DataRoots? roots = null)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidInputException($"the {role} path is empty; give the path of a file");
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidInputException(
                $"the {role} path {Excerpt.Of(path, 200)} contains a NUL character; give the path of a file");
        }

        var resolved = Resolve(path, role);
        var shown = Shown(path, resolved);
        if (IsKernelFile(resolved))
        {
            throw new InvalidInputException(
                $"{role} {shown} is a file of the kernel (/proc, /sys, /dev), not a data file; AiMass reads only " +
                "regular files: give the path of a data file");
        }

        CheckKind(FileSystemProbe.KindOf(resolved), path, shown, role);
        if (roots is not null && !roots.Contains(resolved))
        {
            throw new InvalidInputException(
                $"{role} {shown} is outside this node's data roots ({roots}); put the file under a data root, " +
                "or add its folder with --data-root (AIMASS_DATA_ROOTS)");
        }

        return resolved;
    }

    /// <summary>
    /// After <paramref name="handle"/> was opened for the path <see cref="Check"/> resolved to
    /// <paramref name="resolved"/>: checks that it is still that file (a link swapped meanwhile is refused).
    /// </summary>
    /// <exception cref="InvalidInputException">The opened file is another one.</exception>
    public static void CheckOpened(SafeFileHandle handle, string resolved, string path, string role = "data file")
    {
        var opened = FileSystemProbe.OpenedPath(handle);
        if (opened is not null && opened != resolved)
        {
            throw new InvalidInputException(
                $"{role} '{path}' changed while it was opened (it resolved to '{resolved}', then opened " +
                $"{Excerpt.Of(opened, 200)}); give a file that is not being replaced");
        }
    }

    /// <summary>Opens <paramref name="path"/> for shared reading through the gate (<see cref="Check"/>, then
    /// <see cref="CheckOpened"/>).</summary>
    /// <exception cref="InvalidInputException">The gate refuses it, or it cannot be opened.</exception>
    public static FileStream OpenRead(string path, string role = "data file", int bufferSize = 4096)
    {
        var resolved = Check(path, role);
        FileStream stream;
        try
        {
            stream = new FileStream(resolved, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Describe(path, role, e);
        }

        try
        {
            CheckOpened(stream.SafeFileHandle, resolved, path, role);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads the whole text (UTF-8) of a small file, such as a model file, through the gate.</summary>
    /// <exception cref="InvalidInputException">The gate refuses it, or it cannot be read.</exception>
    public static string ReadAllText(string path, string role)
    {
        using var stream = OpenRead(path, role);
        try
        {
            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, true);
            return reader.ReadToEnd();
        }
        catch (IOException e)
        {
            throw Describe(path, role, e);
        }
    }

    /// <summary>The user's error for an exception raised opening or reading <paramref name="path"/>.</summary>
    public static InvalidInputException Describe(string path, string role, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            UnauthorizedAccessException => new InvalidInputException(
                $"cannot read {role} '{path}': permission denied; check the file's permissions (chmod a+r)", error),
            FileNotFoundException or DirectoryNotFoundException => new InvalidInputException(
                $"{role} '{path}' does not exist", error),
            _ => new InvalidInputException(
                $"cannot read {role} '{path}': {Excerpt.OfMessage(error.Message)}", error),
        };
    }

    private static string Resolve(string path, string role)
    {
        var resolved = FileSystemProbe.RealPath(Path.GetFullPath(path), out var errno);
        return resolved ?? throw new InvalidInputException(errno switch
        {
            13 => $"cannot read {role} '{path}': permission denied on a folder above it; check the folders' " +
                "permissions (chmod a+x FOLDER)",
            40 => $"{role} '{path}' is a loop of symbolic links; give the path of a file",
            _ => $"{role} '{path}' does not exist",
        });
    }

    private static void CheckKind(FileKind? kind, string path, string shown, string role)
    {
        switch (kind)
        {
            case FileKind.Regular:
                return;
            case FileKind.Directory:
                throw new InvalidInputException($"{role} '{path}' is a directory; give the path of a file inside it");
            case null:
                throw new InvalidInputException($"{role} '{path}' does not exist");
        }

        var what = kind switch
        {
            FileKind.CharacterDevice or FileKind.BlockDevice => "a device",
            FileKind.Fifo => "a named pipe (FIFO)",
            FileKind.Socket => "a socket",
            _ => "a special file",
        };
        throw new InvalidInputException(
            $"{role} {shown} is {what}, not a regular file; AiMass reads only regular files: write the data to a " +
            "file and give its path");
    }

    private static bool IsKernelFile(string resolved) =>
        KernelFolders.Any(folder => resolved == folder
            || resolved.StartsWith(folder + "/", StringComparison.Ordinal))
        || FileSystemProbe.OnKernelFileSystem(resolved);

    private static string Shown(string path, string resolved) =>
        Path.GetFullPath(path) == resolved ? $"'{path}'" : $"'{path}' (it resolves to '{resolved}')";
}
