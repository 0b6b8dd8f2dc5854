using AiMass.Kernels;
using AiMass.Seed.Hosting;

namespace AiMass.Coordinator.Api;

/// <summary>
/// Where the coordinator's API token comes from: <c>AIMASS_TOKEN</c> (or <c>ApiToken</c> in appsettings.json); else
/// the token file (<c>--token-file</c>, default <c>DATA_DIR/api-token</c>), created with a random token, readable
/// by its owner only, when missing; without a data folder, a random token for this process alone.
/// </summary>
public static class ApiTokenStore
{
    /// <summary>The token file's name in the data folder.</summary>
    public const string FileName = "api-token";

    /// <summary>The token file the settings name, or null when they name no file and no data folder.</summary>
    public static string? FileOf(NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.ApiTokenFile ?? (settings.DataDirectory is { } folder ? Path.Combine(folder, FileName) : null);
    }

    /// <summary>The token, and where it came from for the log (a place, never the token).</summary>
    public static (ApiToken Token, string Origin) Resolve(NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!string.IsNullOrWhiteSpace(settings.ApiToken))
        {
            return (Checked(settings.ApiToken.Trim(), "AIMASS_TOKEN"), "from AIMASS_TOKEN");
        }

        var file = FileOf(settings);
        if (file is null)
        {
            return (ApiToken.Generate(), "generated for this process only (no data folder)");
        }

        if (File.Exists(file))
        {
            return (Read(file), $"in {file}");
        }

        var token = ApiToken.Generate();
        try
        {
            Write(file, token);
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another coordinator on the same folder wrote it first: use theirs.
            return (Read(file), $"in {file}");
        }

        return (token, $"new, written to {file} (readable by its owner only)");
    }

    /// <summary>Reads a token file; one that other users can read is refused (its token may have leaked).</summary>
    public static ApiToken Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead
            | UnixFileMode.OtherWrite;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & others) != 0)
        {
            throw new InvalidInputException(
                $"the API token file {path} is readable by other users; 'chmod 600 {path}', or delete it so the " +
                "coordinator writes a new token.");
        }

        string text;
        try
        {
            text = File.ReadLines(path).FirstOrDefault()?.Trim() ?? "";
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidInputException(
                $"cannot read the API token file {path} (permission denied); run as its owner.", e);
        }

        return Checked(text, path);
    }

    /// <summary>Writes a new token file (fails if one exists), mode 0600 in a folder created 0700.</summary>
    public static void Write(string path, ApiToken token)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(token);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(
                folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        else
        {
            Directory.CreateDirectory(folder);
        }

        using var writer = new StreamWriter(path, options);
        writer.WriteLine(token.Value);
    }

    private static ApiToken Checked(string value, string source) =>
        value.Length >= ApiToken.MinimumLength
            ? new ApiToken(value)
            : throw new InvalidInputException(
                $"the API token from {source} has {value.Length} characters; use at least {ApiToken.MinimumLength} " +
                "(e.g. 'openssl rand -hex 32'), or unset it so the coordinator generates one.");
}
