using System.Buffers;
using System.Text.Json;

namespace AiMass.Kernels.Models;

/// <summary>
/// Reads a model file's JSON in one forward pass (<see cref="Utf8JsonReader"/>, no tree of the numbers): each
/// parameter array (<see cref="ArrayFields"/>) that is a regular nested array of finite numbers goes straight into
/// a flat float64 array with its shape; every other field — and any such array that is ragged or holds something
/// else, so that the tree-based reader reports it with its usual message — is copied into a small JSON document.
/// </summary>
internal static class ModelJsonReader
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>The fields read flat: the parameter arrays of mixture and HMM files (scikit-learn's and hmmlearn's
    /// names). Any other field keeps its text, so messages about it quote what the file holds.</summary>
    public static readonly IReadOnlySet<string> ArrayFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "weights", "means", "covariances", "startprob", "transmat", "emissionprob",
    };

    /// <summary>Parses <paramref name="utf8"/>; throws <see cref="JsonException"/> for text that is not JSON and
    /// <see cref="InvalidInputException"/> (naming <paramref name="file"/>) for JSON that is not an object.</summary>
    public static ModelFields Read(ReadOnlySpan<byte> utf8, string file)
    {
        var reader = new Utf8JsonReader(utf8, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip(); // a complete value of another kind, or the syntax error
            throw new InvalidInputException($"{file}: a model file is a JSON object.");
        }

        var arrays = new Dictionary<string, (double[] Values, int[] Shape)>();
        var rest = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(rest))
        {
            writer.WriteStartObject();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                var start = reader.TokenStartIndex;
                var probe = reader; // a copy: the fast path reads ahead on it
                if (reader.TokenType == JsonTokenType.StartArray && ArrayFields.Contains(name)
                    && TryNumbers(ref probe, out var array))
                {
                    arrays[name] = array;
                    reader = probe;
                    continue;
                }

                reader.Skip();
                writer.WritePropertyName(name);
                writer.WriteRawValue(utf8[(int)start..(int)reader.BytesConsumed], skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        while (reader.Read())
        {
            // Reading to the end makes trailing garbage an error, as JsonDocument.Parse does.
        }

        return new ModelFields(JsonDocument.Parse(rest.WrittenMemory), arrays);
    }

    /// <summary>
    /// Reads the array at <paramref name="reader"/> (on its StartArray) as a regular nested array of finite
    /// numbers, leaving the reader on its EndArray; false as soon as it is anything else (numbers and arrays
    /// side by side, arrays of different lengths at one depth, a string, a null, a number out of range).
    /// </summary>
    private static bool TryNumbers(ref Utf8JsonReader reader, out (double[] Values, int[] Shape) array)
    {
        array = default;
        var values = new ArrayBuilder();
        var shape = new ShapeTracker();
        do
        {
            var fits = reader.TokenType switch
            {
                JsonTokenType.StartArray => shape.Open(values.Count > 0),
                JsonTokenType.EndArray => shape.Close(),
                JsonTokenType.Number => shape.Number() && reader.TryGetDouble(out var value)
                    && double.IsFinite(value) && values.Add(value),
                _ => false, // strings, nulls, booleans, objects: the tree reports them
            };
            if (!fits)
            {
                return false;
            }

            if (shape.Depth == 0)
            {
                array = (values.ToArray(), shape.Dimensions);
                return true;
            }
        }
        while (reader.Read());

        return false;
    }

    /// <summary>The shape of a nested array as its tokens go by: the length every array at a depth must have
    /// (−1 until one closed) and the entries so far of the open array at each depth.</summary>
    private sealed class ShapeTracker
    {
        private readonly List<int> _dims = [];
        private readonly List<int> _counts = [];

        /// <summary>Open arrays.</summary>
        public int Depth { get; private set; }

        /// <summary>The lengths found, outermost first.</summary>
        public int[] Dimensions => [.. _dims];

        /// <summary>An array starts; false when it starts where numbers were (a new, deeper level after
        /// numbers were seen).</summary>
        public bool Open(bool numbersSeen)
        {
            if (numbersSeen && Depth == _counts.Count)
            {
                return false;
            }

            if (Depth > 0)
            {
                _counts[Depth - 1]++;
            }

            if (Depth == _counts.Count)
            {
                _counts.Add(0);
                _dims.Add(-1);
            }

            _counts[Depth++] = 0;
            return true;
        }

        /// <summary>An array ends; false when its length differs from the others at its depth.</summary>
        public bool Close()
        {
            Depth--;
            if (_dims[Depth] >= 0 && _dims[Depth] != _counts[Depth])
            {
                return false;
            }

            _dims[Depth] = _counts[Depth];
            return true;
        }

        /// <summary>A number; false unless it sits at the deepest level there is (no array ever opened below).
        /// </summary>
        public bool Number()
        {
            if (Depth != _counts.Count)
            {
                return false;
            }

            _counts[Depth - 1]++;
            return true;
        }
    }

    /// <summary>A growable float64 buffer (doubling; one copy at the end).</summary>
    private sealed class ArrayBuilder
    {
        private double[] _items = new double[256];

        public int Count { get; private set; }

        public bool Add(double value)
        {
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }

            _items[Count++] = value;
            return true;
        }

        public double[] ToArray() => _items.AsSpan(0, Count).ToArray();
    }
}
