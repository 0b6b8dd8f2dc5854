using System.Text.Json;
using AiMass.Coordinator.Api;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// What <c>--json</c> prints: the API's own JSON (snake_case), indented for people and parsable by tools.
/// </summary>
public static class CliJson
{
    private static readonly JsonSerializerOptions Indented = new(ApiJson.Options) { WriteIndented = true };

    /// <summary>Writes <paramref name="value"/> as one JSON document and a newline.</summary>
    public static void Write<T>(TextWriter output, T value)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(JsonSerializer.Serialize(value, Indented));
    }
}
