using System.Buffers;
using System.Buffers.Text;
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
        var offset = 0;
        WriteLevel(writer, values, shape, 0, ref offset);
    }

    private static void WriteLevel(
        Utf8JsonWriter writer, ReadOnlySpan<double> values, int[] shape, int level, ref int offset)
    {
        if (level == shape.Length - 1)
        {
            WriteRow(writer, values.Slice(offset, shape[level]), level > 0);
            offset += shape[level];
            return;
        }

        writer.WriteStartArray();
        for (var i = 0; i < shape[level]; i++)
        {
            WriteLevel(writer, values, shape, level + 1, ref offset);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// The innermost array as one raw value <c>[a,b,…]</c> (one line of an indented file, not one line per
    /// number; <paramref name="ownLine"/>: it is an element of an outer array and starts a line): the shortest
    /// text that reads back to the same float64, as the writer's own numbers.
    /// </summary>
    private static void WriteRow(Utf8JsonWriter writer, ReadOnlySpan<double> row, bool ownLine)
    {
        const int longest = 32; // "-1.2345678901234567E-308" and a comma fit
        var indent = ownLine && writer.Options.Indented ? 1 + (2 * writer.CurrentDepth) : 0;
        var size = 2 + indent + (row.Length * longest);
        var rented = size <= 4096 ? null : ArrayPool<byte>.Shared.Rent(size);
        var buffer = rented ?? stackalloc byte[size];
        try
        {
            writer.WriteRawValue(buffer[..Format(buffer, row, indent)], skipInputValidation: true);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary><c>[a,b,…]</c> into <paramref name="buffer"/>, after a line break and
    /// <paramref name="indent"/> − 1 spaces when <paramref name="indent"/> &gt; 0; returns the bytes written.
    /// </summary>
    private static int Format(Span<byte> buffer, ReadOnlySpan<double> row, int indent)
    {
        var length = 0;
        if (indent > 0)
        {
            // The writer puts raw values right after the comma; whitespace of our own starts the line.
            buffer[length++] = (byte)'\n';
            buffer.Slice(length, indent - 1).Fill((byte)' ');
            length += indent - 1;
        }

        buffer[length++] = (byte)'[';
        for (var i = 0; i < row.Length; i++)
        {
            if (!double.IsFinite(row[i]))
            {
                throw new ArgumentException($"Model arrays hold finite numbers only, not {row[i]}.", nameof(row));
            }

            if (i > 0)
            {
                buffer[length++] = (byte)',';
            }

            Utf8Formatter.TryFormat(row[i], buffer[length..], out var written);
            length += written;
        }

        buffer[length++] = (byte)']';
        return length;
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
