using System.Security.Cryptography.X509Certificates;
using AiMass.Coordinator.Tests.Support;
using AiMass.Seed.Tests.Hosting;

namespace AiMass.Coordinator.Tests.Cli;

/// <summary>TLS and token problems stop a node before it starts: one line, exit code 2.</summary>
public sealed class NodeSecurityErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aimass-node-errors-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_missing_certificate_folder_is_exit_code_2_naming_the_file()
    {
        var empty = Path.Combine(_folder, "empty");
        Directory.CreateDirectory(empty);

        var run = CliRun.Of(["seed", "--port", "0", "--tls-dir", empty]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            $"aimass: TLS CA certificate {Path.Combine(empty, "ca.crt")} does not exist; fix --tls-ca " +
            "(deploy/make-certs.sh DIR creates them).", run.Error.Trim());
    }

    [Fact]
    public void A_pfx_with_a_wrong_password_is_exit_code_2()
    {
        using var authority = TestCertificates.Authority();
        using var node = TestCertificates.Node(authority);
        TestCertificates.WriteFolder(_folder, authority, node);
        var pfx = Path.Combine(_folder, "worker.pfx");
        File.WriteAllBytes(pfx, node.Export(X509ContentType.Pkcs12, "right"));
        var password = Path.Combine(_folder, "password");
        File.WriteAllText(password, "wrong\n");

        var run = CliRun.Of(["worker", "--seed-nodes", "127.0.0.1:1", "--device", "reference", "--tls-dir", _folder,
            "--tls-cert", pfx, "--tls-password-file", password]);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"aimass: cannot open the TLS certificate {pfx}: wrong password or not a PKCS#12 file", line);
    }

    [Fact]
    public void A_token_file_other_users_can_read_stops_the_coordinator_with_exit_code_2()
    {
        var file = Path.Combine(_folder, "api-token");
        File.WriteAllText(file, "0123456789abcdef0123\n");
        if (OperatingSystem.IsWindows())
        {
            return; // No Unix modes to check.
        }

        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var run = CliRun.Of(["coordinator", "--seed-nodes", "127.0.0.1:1", "--data-dir", _folder,
            "--token-file", file, "--api", "127.0.0.1:0"]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"aimass: the API token file {file} is readable by other users", run.Error);
    }
}
