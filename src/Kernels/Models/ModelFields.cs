using System.Text.Json;

namespace AiMass.Kernels.Models;

/// <summary>
/// The fields of a parsed model file: the numeric arrays, read straight into flat float64 arrays by
/// <see cref="ModelJsonReader"/>, and every other field
/// as a small JSON tree. A K=256, D=128 full model holds 4.2 M numbers: a tree of them took seconds and a GiB.
/// </summary>
public sealed class ModelFields : IDisposable
{
    private readonly Dictionary<string, (double[] Values, int[] Shape)> _arrays;
    private readonly JsonDocument _document;

    /// <summary>Wraps <paramref name="document"/> (owned from here on) and the arrays read beside it.</summary>
    public ModelFields(JsonDocument document, Dictionary<string, (double[] Values, int[] Shape)>? arrays = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        _document = document;
        _arrays = arrays ?? [];
    }

    /// <summary>The non-array fields (and any array the fast path left to the tree, e.g. one with a bad value).
    /// </summary>
    public JsonElement Root => _document.RootElement;

    /// <summary>The names of the arrays held flat.</summary>
    public IEnumerable<string> ArrayNames => _arrays.Keys;

    /// <summary>Fields of an already parsed tree (nothing held flat).</summary>
    public static ModelFields Of(JsonElement root) => new(JsonDocument.Parse(root.GetRawText()));

    /// <summary>True when the field <paramref name="name"/> exists, as an array or in the tree.</summary>
    public bool Has(string name) => _arrays.ContainsKey(name) || Root.TryGetProperty(name, out _);

    /// <summary>
    /// The field <paramref name="name"/> as a flat row-major array of <paramref name="shape"/> (a −1 dimension
    /// takes whatever length the array has); errors name the file and the field.
    /// </summary>
    public double[] ReadFlat(string name, string file, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (!_arrays.TryGetValue(name, out var array))
        {
            return JsonArrays.ReadFlat(Root, name, file, shape);
        }

        if (!Fits(array.Shape, shape))
        {
            // The tree-based reader words every shape error; give it this array as JSON.
            using var tree = JsonDocument.Parse(Nested(name, array.Values, array.Shape));
            return JsonArrays.ReadFlat(tree.RootElement, name, file, shape);
        }

        return array.Values;
    }

    /// <inheritdoc />
    public void Dispose() => _document.Dispose();

    private static bool Fits(int[] actual, int[] wanted)
    {
        if (actual.Length != wanted.Length)
        {
            return false;
        }

        for (var level = 0; level < wanted.Length; level++)
        {
            if (wanted[level] >= 0 && actual[level] != wanted[level])
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] Nested(string name, double[] values, int[] shape)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            JsonArrays.WriteNested(writer, name, values, shape);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
