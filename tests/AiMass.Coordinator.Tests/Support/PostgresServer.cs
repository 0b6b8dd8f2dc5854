using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AiMass.Coordinator.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL server for the tests: <c>initdb</c> in a temporary folder, <c>pg_ctl start</c> on a free
/// loopback port (trust authentication, loopback only), stopped and deleted at the end. Run as the
/// <c>postgres</c> user when the tests run as root (PostgreSQL refuses root). Tests that need it are
/// <see cref="PostgresFactAttribute"/>s, skipped where PostgreSQL is not installed.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _folder = "";
    private readonly string _binaries = "";
    private int _databases;

    /// <summary>Starts the server; does nothing where PostgreSQL is not installed (its tests are skipped).</summary>
    public PostgresServer()
    {
        if (Binaries is null)
        {
            return;
        }

        _binaries = Binaries;
        _folder = Directory.CreateTempSubdirectory("aimass-pg-").FullName;
        Port = FreePort();
        if (IsRoot)
        {
            Run("chown", "postgres", _folder);
        }

        var data = Path.Combine(_folder, "data");
        AsServerUser("initdb", "-D", data, "--auth=trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
        AsServerUser(
            "pg_ctl", "-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "-o",
            $"-h 127.0.0.1 -p {Port} -k {_folder} -F -c fsync=off", "start");
    }

    /// <summary>Where PostgreSQL's server programs are, or null when it is not installed.</summary>
    public static string? Binaries { get; } = FindBinaries();

    /// <summary>The server's port on 127.0.0.1.</summary>
    public int Port { get; }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>A connection string to a new, empty database of this server.</summary>
    public string NewDatabase()
    {
        var name = $"aimass_test_{Interlocked.Increment(ref _databases)}";
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            command.ExecuteNonQuery();
        }

        return ConnectionString(name);
    }

    /// <summary>Stops the server at once and deletes its folder.</summary>
    public void Dispose()
    {
        if (Binaries is null)
        {
            return;
        }

        try
        {
            AsServerUser("pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=15";

    private void AsServerUser(string program, params string[] arguments)
    {
        var path = Path.Combine(_binaries, program);
        if (IsRoot)
        {
            Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in 90 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output.Result}{error.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "initdb"))
            .FirstOrDefault(File.Exists);
        var candidates = onPath is null
            ? []
            : new[] { Path.GetDirectoryName(new FileInfo(onPath).ResolveLinkTarget(true)?.FullName ?? onPath)! };
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(v => Path.Combine(v, "bin"))
            : [];
        return candidates.Concat(debian).FirstOrDefault(folder =>
            File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")));
    }
}

/// <summary>A test that needs a PostgreSQL server (<see cref="PostgresServer"/>): reported as skipped, not passed,
/// where PostgreSQL's server programs are not installed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Why such a test is skipped.</summary>
    public const string Missing =
        "PostgreSQL is not installed (initdb and pg_ctl not on the PATH nor in /usr/lib/postgresql/*/bin)";

    /// <summary>Skips the test when PostgreSQL is not installed.</summary>
    public PostgresFactAttribute()
    {
        if (PostgresServer.Binaries is null)
        {
            Skip = Missing;
        }
    }
}
