using AiMass.Coordinator.Api;
using AiMass.Kernels.Input;
using AiMass.Seed.Hosting;

namespace AiMass.Coordinator.Client;

/// <summary>
/// The API token the CLI sends: <c>--token</c>, else <c>AIMASS_TOKEN</c>, else — for a coordinator on this machine
/// only — the token file a local <c>aimass coordinator</c> wrote in the default data folder. Never printed.
/// </summary>
public sealed class ClientToken
{
    /// <summary>The environment variable that holds the token.</summary>
    public const string EnvironmentVariable = "AIMASS_TOKEN";

    private ClientToken(string value, string source)
    {
        SecretValues.Register(value); // no message of this process may print it
        Value = value;
        Source = source;
    }

    /// <summary>The token.</summary>
    public string Value { get; }

    /// <summary>Where it came from, for messages: <c>--token</c>, <c>AIMASS_TOKEN</c> or the file's path.</summary>
    public string Source { get; }

    /// <summary>The token file of a coordinator on this machine (<c>~/.local/share/aimass/api-token</c>).</summary>
    public static string DefaultFile => Path.Combine(NodeSettings.DefaultDataDirectory(), ApiTokenStore.FileName);

    /// <summary>
    /// The token for a coordinator at <paramref name="address"/>, or null when there is none to send. The default
    /// file (<paramref name="defaultFile"/>) is read only for a loopback address: a remote coordinator gets no
    /// token that was meant for a local one.
    /// </summary>
    public static ClientToken? Resolve(string? flag, string? environment, Uri address, string defaultFile)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!string.IsNullOrWhiteSpace(flag))
        {
            return new ClientToken(flag.Trim(), "--token");
        }

        if (!string.IsNullOrWhiteSpace(environment))
        {
            return new ClientToken(environment.Trim(), EnvironmentVariable);
        }

        if (address.IsLoopback && File.Exists(defaultFile))
        {
            return new ClientToken(ApiTokenStore.Read(defaultFile).Value, defaultFile);
        }

        return null;
    }

    /// <summary>Resolves with the process environment and the default file.</summary>
    public static ClientToken? Resolve(string? flag, Uri address) =>
        Resolve(flag, Environment.GetEnvironmentVariable(EnvironmentVariable), address, DefaultFile);

    /// <summary>Never the token.</summary>
    public override string ToString() => $"token from {Source}";
}
