using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiMass.Coordinator.Api;

/// <summary>The JSON conventions of the HTTP API: snake_case names, enums as strings.</summary>
public static class ApiJson
{
    /// <summary>Options shared by the API and its client.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = false,
    };

    /// <summary>
    /// <see cref="Options"/> that refuse fields the type does not have, for what callers send (a misspelt
    /// <c>max_iters</c> must not silently fall back to the default).
    /// </summary>
    public static JsonSerializerOptions Strict { get; } = new(Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}
