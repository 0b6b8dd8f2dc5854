using System.Text.Json;
using AiMass.Kernels.Em;
using AiMass.Kernels.Models;
using AiMass.Seed.Inference;

namespace AiMass.Coordinator.Inference;

/// <summary>
/// What an inference job produced, as the end state of its one-pass <see cref="EmFit"/>: the outputs' location
/// (one file, or a folder of parts with manifest.json), their counts, and the totals the local commands print, summed
/// in row order from the written values so they equal the local commands' bit for bit.
/// </summary>
public sealed class InferenceOutcome : ModelParameters, ISelfFinishingParameters, IModelFileDocument
{
    /// <summary>The outcome of <paramref name="task"/> over <paramref name="rows"/> rows.</summary>
    public InferenceOutcome(
        InferenceTask task, int features, long rows, long outputs, int parts, string? output, string? outputDir,
        double[] summary)
    {
        (Task, _features, Rows, Outputs, Parts) = (task, features, rows, outputs, parts);
        (Output, OutputDir, Summary) = (output, outputDir, summary);
    }

    private readonly int _features;

    /// <summary>What was computed.</summary>
    public InferenceTask Task { get; }

    /// <summary>Rows read.</summary>
    public long Rows { get; }

    /// <summary>Output entries (rows, or sequences for an HMM score).</summary>
    public long Outputs { get; }

    /// <summary>Parts (partitions).</summary>
    public int Parts { get; }

    /// <summary>The one output file, or null.</summary>
    public string? Output { get; }

    /// <summary>The folder of parts and manifest.json, or null.</summary>
    public string? OutputDir { get; }

    /// <summary>Score: [total, min, max] of the written values, summed in order; otherwise empty.</summary>
    public IReadOnlyList<double> Summary { get; }

    /// <inheritdoc />
    public override int Features => _features;

    /// <inheritdoc />
    public override long FreeParameterCount => 0;

    /// <inheritdoc />
    public bool IsFinished => true;

    /// <inheritdoc />
    public FitResult Result()
    {
        var total = Summary.Count > 0 ? Summary[0] : 0;
        return new FitResult(this, true, 1, total / Rows, [], total, Rows, Rows, 0, []);
    }

    /// <inheritdoc />
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "inference");
            writer.WriteString("task", Task.Kind());
            writer.WriteBoolean("proba", Task == InferenceTask.PredictProba);
            writer.WriteString("algorithm", Task == InferenceTask.DecodeMap ? "map" : "viterbi");
            writer.WriteNumber("rows", Rows);
            writer.WriteNumber("outputs", Outputs);
            writer.WriteNumber("parts", Parts);
            writer.WriteString("output", Output);
            writer.WriteString("output_dir", OutputDir);
            if (Summary.Count == 3)
            {
                writer.WriteNumber("log_likelihood", Summary[0]);
                writer.WriteNumber("min", Summary[1]);
                writer.WriteNumber("max", Summary[2]);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
