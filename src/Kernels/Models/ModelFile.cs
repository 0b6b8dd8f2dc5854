using System.Text.Json;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Input;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Models;

/// <summary>
/// Reads and writes model files (JSON, scikit-learn/hmmlearn names). The same file serves as a fitted model, as
/// <c>--init</c> (warm start) and as the input of score/predict/decode.
/// </summary>
public static class ModelFile
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    /// <summary>Reads and validates a model file; every problem is an <see cref="InvalidInputException"/>.</summary>
    public static ModelParameters Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        using (var stream = InputFiles.OpenRead(path, "model file", 1 << 16))
        {
            try
            {
                using var copy = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length, int.MaxValue) : 0);
                stream.CopyTo(copy);
                bytes = copy.Length == copy.Capacity ? copy.GetBuffer() : copy.ToArray();
            }
            catch (IOException e)
            {
                throw InputFiles.Describe(path, "model file", e);
            }
        }

        return ParseUtf8(bytes, path);
    }

    /// <summary>Parses model-file JSON text; <paramref name="file"/> names it in errors.</summary>
    public static ModelParameters Parse(string json, string file)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ParseUtf8(System.Text.Encoding.UTF8.GetBytes(json), file);
    }

    /// <summary>Parses model-file JSON as UTF-8 bytes (a leading byte-order mark is allowed);
    /// <paramref name="file"/> names it in errors.</summary>
    public static ModelParameters ParseUtf8(ReadOnlySpan<byte> utf8, string file)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        ModelFields fields;
        try
        {
            fields = ModelJsonReader.Read(utf8, file);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(
                $"{file} is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}); " +
                "give a model file written by aimass or in its documented format.", e);
        }

        using (fields)
        {
            var kind = JsonArrays.ReadString(fields.Root, "kind", file);
            return kind switch
            {
                "gmm" => GaussianMixtureModelFile.Read(fields, file),
                "hmm" => HmmModelFile.Read(fields, file),
                _ => throw new InvalidInputException(
                    $"{file}: unknown model kind {Excerpt.Of(kind)}; expected \"gmm\" or \"hmm\"."),
            };
        }
    }

    /// <summary>The model file of a fit result as JSON text.</summary>
    public static string Serialize(FitResult result, IReadOnlyDictionary<string, string>? extras = null)
    {
        using var stream = new MemoryStream();
        Write(stream, result, extras);
        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Writes the model file of a fit result to <paramref name="stream"/> as UTF-8 JSON (an inference
    /// job's outcome, <see cref="IModelFileDocument"/>, writes its own document).</summary>
    public static void Write(Stream stream, FitResult result, IReadOnlyDictionary<string, string>? extras = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Parameters is IModelFileDocument document)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(document.ToJson());
            stream.Write(bytes);
            return;
        }

        using var writer = new Utf8JsonWriter(stream, WriterOptions);
        writer.WriteStartObject();
        WriteParameters(writer, result.Parameters);
        writer.WriteBoolean("converged", result.Converged);
        writer.WriteNumber("n_iter", result.Iterations);
        WriteFinite(writer, "lower_bound", result.LowerBound);
        WriteFinite(writer, "log_likelihood", result.LogLikelihood);
        WriteFinite(writer, "bic", result.Bic);
        WriteFinite(writer, "aic", result.Aic);
        writer.WriteNumber("n_samples", result.Rows);
        writer.WriteNumber("sample_weight_total", result.Weight);
        writer.WriteNumber("n_init", result.InitLowerBounds.Count);
        writer.WriteNumber("best_init", result.BestInit);
        WriteSelectionFields(writer, result);
        if (extras is not null)
        {
            foreach (var (key, value) in extras)
            {
                writer.WriteString(key, value);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>The prior, ICL, history and selection table (fields written only when the fit has them).</summary>
    private static void WriteSelectionFields(Utf8JsonWriter writer, FitResult result)
    {
        if (result.Prior is { } prior)
        {
            // MAP-EM: lower_bound and the history's lower bounds are mean log posteriors (log prior up to a
            // constant), not mean log-likelihoods; log_likelihood, bic and aic stay the likelihood's.
            writer.WriteString("lower_bound_kind", "log_posterior");
            writer.WriteString("prior", prior);
        }

        if (result.Icl is { } icl)
        {
            WriteFinite(writer, "icl", icl);
        }

        WriteHistory(writer, result.History);
        if (result.Selection is { } table)
        {
            writer.WriteString("criterion", result.Criterion);
            SelectionTable.Write(writer, table);
        }
    }

    /// <summary>
    /// A model file holding only parameters (no fit metadata), e.g. the true model of synthetic data.
    /// </summary>
    public static string SerializeParameters(ModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            WriteParameters(writer, parameters);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Writes a fit result's model file to <paramref name="path"/>.</summary>
    public static void Save(string path, FitResult result, IReadOnlyDictionary<string, string>? extras = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            Write(stream, result, extras);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(
                $"Cannot write the model to '{path}': {Excerpt.OfMessage(e.Message)}", e);
        }
    }

    private static void WriteParameters(Utf8JsonWriter writer, ModelParameters parameters)
    {
        switch (parameters)
        {
            case GaussianMixtureParameters gmm:
                GaussianMixtureModelFile.WriteParameters(writer, gmm);
                break;
            case HmmParameters hmm:
                HmmModelFile.WriteParameters(writer, hmm);
                break;
            default:
                throw new NotSupportedException($"No model-file writer for {parameters.GetType().Name}.");
        }
    }

    private static void WriteHistory(Utf8JsonWriter writer, IReadOnlyList<IterationRecord> history)
    {
        writer.WriteStartArray("history");
        foreach (var record in history)
        {
            writer.WriteStartObject();
            writer.WriteNumber("iteration", record.Iteration);
            WriteFinite(writer, "lower_bound", record.LowerBound);
            WriteFinite(writer, "change", record.Change);
            writer.WriteNumber("ms", Math.Round(record.Milliseconds, 3));
            writer.WriteNumber("estep_ms", Math.Round(record.EStepMilliseconds, 3));
            writer.WriteNumber("mstep_ms", Math.Round(record.Milliseconds - record.EStepMilliseconds, 3));
            writer.WriteString("precision", record.Precision.Name());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>JSON has no ∞ or NaN: non-finite values are written as null.</summary>
    private static void WriteFinite(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
