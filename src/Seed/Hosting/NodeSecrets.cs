using System.Data.Common;
using AiMass.Kernels.Input;

namespace AiMass.Seed.Hosting;

/// <summary>
/// Registers the secret values of a node's settings with <see cref="SecretValues"/> before the node starts, so no
/// log line, error, job row or API answer can carry one: the API token, the TLS password, and the password of the
/// job store's PostgreSQL connection string (or <c>PGPASSWORD</c>, which Npgsql also reads). The token generated
/// into a token file and a password read from a file are registered where they are read.
/// </summary>
public static class NodeSecrets
{
    /// <summary>Registers the secrets <paramref name="settings"/> hold.</summary>
    public static void Register(NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        SecretValues.Register(settings.ApiToken);
        SecretValues.Register(settings.Tls.Password);
        if (settings.JobStoreConnection is { } connection)
        {
            SecretValues.Register(ConnectionPassword(connection));
            SecretValues.Register(Environment.GetEnvironmentVariable("PGPASSWORD"));
        }
    }

    /// <summary>
    /// The password of an ADO.NET connection string (<c>Password=</c> or <c>Pwd=</c>); the whole string when it
    /// cannot be parsed, so a malformed one is not printed either.
    /// </summary>
    public static string? ConnectionPassword(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connection };
            return builder.TryGetValue("password", out var password) || builder.TryGetValue("pwd", out password)
                ? password?.ToString()
                : null;
        }
        catch (ArgumentException)
        {
            return connection;
        }
    }
}
