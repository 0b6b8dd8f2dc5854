using System.Buffers;
using System.Text.Json;
using AiMass.Kernels.Input;

namespace AiMass.Kernels.Models;

/// <summary>
/// Reading and writing the nested numeric arrays of model files, with errors that name file and field.
/// </summary>
public static class JsonArrays
{
    /// <summary>
    /// Reads the field <paramref name="name"/> as a nested numeric array of the given <paramref name="shape"/>
    /// (a -1 dimension takes whatever length the first array has) and returns it flat, row-major.
    /// </summary>
    public static double[] ReadFlat(JsonElement root, string name, string file, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (!root.TryGetProperty(name, out var element))
        {
            throw new InvalidInputException($"{file}: the field \"{name}\" is missing.");
        }

        var values = new List<double>();
        var resolved = (int[])shape.Clone();
        Collect(element, 0, resolved, values, file, name);
        return [.. values];
    }

    /// <summary>Reads an integer field, or <paramref name="fallback"/> when it is absent.</summary>
    public static int ReadInt(JsonElement root, string name, string file, int? fallback = null)
    {
        if (!root.TryGetProperty(name, out var element))
        {
            return fallback ?? throw new InvalidInputException($"{file}: the field \"{name}\" is missing.");
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
        {
            throw new InvalidInputException(
                $"{file}: \"{name}\" must be an integer, not {Excerpt.Of(element.GetRawText())}.");
        }

        return value;
    }

    /// <summary>Reads a string field, or <paramref name="fallback"/> when it is absent.</summary>
    public static string ReadString(JsonElement root, string name, string file, string? fallback = null)
    {
        if (!root.TryGetProperty(name, out var element))
        {
            return fallback ?? throw new InvalidInputException($"{file}: the field \"{name}\" is missing.");
        }

        return element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new InvalidInputException(
                $"{file}: \"{name}\" must be a string, not {Excerpt.Of(element.GetRawText())}.");
    }

    /// <summary>
    /// Writes <paramref name="values"/> (flat, row-major) as a nested array of <paramref name="shape"/>.
    /// </summary>
    public static void WriteNested(Utf8JsonWriter writer, string name, ReadOnlySpan<double> values, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(shape);
        writer.WritePropertyName(name);
        if (shape.Length == 1)
        {
            WriteRow(writer, values[..shape[0]]);
            return;
        }

        writer.WriteStartArray();
        // Raw values follow the writer's comma directly: each brings its own line break and indentation.
        NestedArrayText.Elements(values.ToArray(), shape, writer.CurrentDepth, writer.Options.Indented,
            text => writer.WriteRawValue(text.Span, skipInputValidation: true));
        writer.WriteEndArray();
    }

    /// <summary>A one-level array as one raw value <c>[a,b,…]</c> (one line).</summary>
    private static void WriteRow(Utf8JsonWriter writer, ReadOnlySpan<double> row)
    {
        var size = 2 + (row.Length * 32); // "-1.2345678901234567E-308" and a comma fit in 32
        var rented = size <= 4096 ? null : ArrayPool<byte>.Shared.Rent(size);
        var buffer = rented ?? stackalloc byte[size];
        try
        {
            writer.WriteRawValue(buffer[..NestedArrayText.Row(buffer, row)], skipInputValidation: true);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void Collect(
        JsonElement element, int level, int[] shape, List<double> values, string file, string name)
    {
        if (level == shape.Length)
        {
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var v) || !double.IsFinite(v))
            {
                throw new InvalidInputException(
                    $"{file}: \"{name}\" holds {Excerpt.Of(element.GetRawText())} where a finite number belongs.");
            }

            values.Add(v);
            return;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidInputException(
                $"{file}: \"{name}\" must be a {shape.Length}-level nested array of numbers " +
                $"(shape {Describe(shape)}).");
        }

        var length = element.GetArrayLength();
        if (shape[level] < 0)
        {
            shape[level] = length;
        }

        if (length != shape[level])
        {
            throw new InvalidInputException(
                $"{file}: \"{name}\" has {length} entries at depth {level + 1}; " +
                $"shape {Describe(shape)} needs {shape[level]}.");
        }

        foreach (var item in element.EnumerateArray())
        {
            Collect(item, level + 1, shape, values, file, name);
        }
    }

    private static string Describe(int[] shape) =>
        "[" + string.Join(" × ", shape.Select(s => s < 0 ? "?" : s.ToString())) + "]";
}
