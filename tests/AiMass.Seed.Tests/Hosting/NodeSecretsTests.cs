using AiMass.Kernels.Input;
using AiMass.Seed.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace AiMass.Seed.Tests.Hosting;

/// <summary>The secrets of a node's settings are registered at start and masked in every log line.</summary>
public sealed class NodeSecretsTests
{
    [Fact]
    public void The_token_the_tls_password_and_the_job_store_password_are_masked_in_log_lines()
    {
        var (token, tls, store) = (Secret(), Secret(), Secret());
        NodeSecrets.Register(new NodeSettings
        {
            ApiToken = token,
            Tls = new NodeTlsSettings { Password = tls },
            JobStoreConnection = $"Host=db;Username=aimass;Password={store};Database=aimass",
        });

        var line = Format($"token {token}, tls {tls[..10]}, store '{store}' in Password={store}");

        Assert.Contains("token ***, tls ***, store '***' in Password=***", line);
        Assert.DoesNotContain(token, line);
        Assert.DoesNotContain(tls[..8], line);
        Assert.DoesNotContain(store, line);
    }

    [Fact]
    public void An_exception_message_in_a_log_line_is_masked_too()
    {
        var token = Secret();
        NodeSecrets.Register(new NodeSettings { ApiToken = token });

        var line = Format("failed", new InvalidOperationException($"bad token {token}"));

        Assert.EndsWith("failed (InvalidOperationException: bad token ***)", line.TrimEnd());
    }

    [Theory]
    [InlineData("Host=db;Password=s3cr3t-value;Database=x", "s3cr3t-value")]
    [InlineData("host=db;PWD=other-secret", "other-secret")]
    [InlineData("Host=db;Database=x", null)]
    [InlineData("Host=db;Password", "Host=db;Password")]
    public void The_password_of_a_connection_string_or_the_whole_malformed_string_is_the_secret(
        string connection, string? secret)
    {
        Assert.Equal(secret, NodeSecrets.ConnectionPassword(connection));
    }

    private static string Format(string message, Exception? error = null)
    {
        var options = new OptionsMonitorStub(new AimassLogFormatterOptions { Node = "coordinator@test" });
        var formatter = new AimassLogFormatter(options);
        using var text = new StringWriter();
        formatter.Write(
            new LogEntry<string>(LogLevel.Warning, "test", new EventId(1), message, error, (s, _) => s), null, text);
        return text.ToString();
    }

    private static string Secret() => Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();

    private sealed class OptionsMonitorStub(AimassLogFormatterOptions value)
        : IOptionsMonitor<AimassLogFormatterOptions>
    {
        public AimassLogFormatterOptions CurrentValue => value;

        public AimassLogFormatterOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<AimassLogFormatterOptions, string?> listener) => null;
    }
}
