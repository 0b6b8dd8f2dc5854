using AiMass.Kernels;

namespace AiMass.Coordinator.Client;

/// <summary>
/// Where the CLI finds the coordinator's HTTP API: <c>--coordinator</c>, else the <c>AIMASS_COORDINATOR</c>
/// environment variable, else <see cref="Default"/>.
/// </summary>
public static class CoordinatorAddress
{
    /// <summary>The environment variable that names the coordinator.</summary>
    public const string EnvironmentVariable = "AIMASS_COORDINATOR";

    /// <summary>The API address a coordinator listens on by default.</summary>
    public const string Default = "http://127.0.0.1:5080";

    /// <summary>
    /// The API's base address from the flag, else the environment value, else the default. A bare
    /// <c>host:port</c> means <c>http://host:port</c>; anything else that is not an http(s) URL is bad input.
    /// </summary>
    public static Uri Resolve(string? flag, string? environment)
    {
        var (text, source) = !string.IsNullOrWhiteSpace(flag)
            ? (flag.Trim(), "--coordinator")
            : !string.IsNullOrWhiteSpace(environment)
                ? (environment.Trim(), EnvironmentVariable)
                : (Default, "default");
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : $"http://{text}";
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || string.IsNullOrEmpty(uri.Host))
        {
            throw new InvalidInputException(
                $"{source} '{text}' is not a coordinator address; give its HTTP API, e.g. {Default} or host:5080.");
        }

        // The API lives under /api at the root; a trailing path would be dropped by relative URIs, so keep it
        // explicit and end it with a slash.
        var builder = new UriBuilder(uri) { Query = "", Fragment = "" };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        return builder.Uri;
    }

    /// <summary>Resolves with the process environment.</summary>
    public static Uri Resolve(string? flag) =>
        Resolve(flag, Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>The address as users write it (no trailing slash), for messages.</summary>
    public static string Display(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AbsoluteUri.TrimEnd('/');
    }
}
