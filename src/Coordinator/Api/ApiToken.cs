using System.Security.Cryptography;
using System.Text;
using AiMass.Kernels.Input;

namespace AiMass.Coordinator.Api;

/// <summary>
/// The bearer token the coordinator's HTTP API requires on every <c>/api</c> call. Compared in constant time;
/// never printed (<see cref="ToString"/> hides it).
/// </summary>
public sealed class ApiToken
{
    /// <summary>Shortest token accepted from the user: 16 characters.</summary>
    public const int MinimumLength = 16;

    private readonly byte[] _digest;

    /// <summary>A token with <paramref name="value"/> (at least <see cref="MinimumLength"/> characters); the value
    /// is registered with <see cref="SecretValues"/>, so no message of this process can carry it.</summary>
    public ApiToken(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        SecretValues.Register(value);
        Value = value;
        _digest = SHA256.HashData(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>The token itself, for the client's Authorization header.</summary>
    public string Value { get; }

    /// <summary>A new token: 32 random bytes from the OS's CSPRNG, base64url (43 characters).</summary>
    public static ApiToken Generate() =>
        new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_'));

    /// <summary>
    /// Whether <paramref name="presented"/> is this token. Both sides are hashed first, so the comparison takes
    /// the same time whatever the presented length or the position of the first difference.
    /// </summary>
    public bool Matches(string? presented) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(_digest, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    /// <summary>Never the token.</summary>
    public override string ToString() => "ApiToken(hidden)";
}
