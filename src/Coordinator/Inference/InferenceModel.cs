using System.Text.Json;
using AiMass.Coordinator.Cli;
using AiMass.Kernels;
using AiMass.Kernels.Em;
using AiMass.Seed.Data;
using AiMass.Seed.Inference;

namespace AiMass.Coordinator.Inference;

/// <summary>
/// The "M-step" of an inference job, run once on the coordinator after every partition wrote its part: checks the
/// parts, then either writes manifest.json beside them (<c>--output-dir</c>) or assembles them in partition order
/// into the one output file (<c>.npy</c> or <c>.csv</c>, written exactly as the local command writes it) and removes
/// them; the totals are summed from the written values in row order, as the local commands sum them.
/// </summary>
/// <param name="Output">The one output file, or null.</param>
/// <param name="OutputDir">The folder that keeps the parts, or null.</param>
public sealed record InferenceModel(string? Output, string? OutputDir) : IEmModel
{
    /// <inheritdoc />
    public ModelParameters MStep(SufficientStatistics total, ModelParameters previous)
    {
        if (total is not InferenceStatistics stats || previous is not InferenceRequest request)
        {
            throw new ArgumentException("The inference step needs an inference request and its partitions' reports.");
        }

        var parts = Enumerable.Range(0, stats.Parts).Select(i => PartFile.Open(request.PartPath(i))).ToArray();
        try
        {
            if (parts.Sum(p => p.Rows) != stats.Outputs)
            {
                throw new InvalidOperationException(
                    $"The parts in {request.Directory} hold {parts.Sum(p => p.Rows)} values but the partitions " +
                    $"reported {stats.Outputs}; another job may write to the same folder.");
            }

            var summary = request.Task == InferenceTask.Score ? Totals(parts) : [];
            if (Output is not null)
            {
                Assemble(request, parts, Output);
            }
            else
            {
                WriteManifest(request, parts, stats);
            }

            return new InferenceOutcome(
                request.Task, request.Features, stats.Rows, stats.Outputs, stats.Parts, Output, OutputDir, summary);
        }
        finally
        {
            foreach (var part in parts)
            {
                part.Dispose();
            }

            if (Output is not null)
            {
                Directory.Delete(request.Directory, recursive: true);
            }
        }
    }

    /// <summary>[Σ, min, max] of the values in row order: per-row totals as <c>aimass score</c> adds them.</summary>
    private static double[] Totals(PartFile[] parts)
    {
        var values = parts.SelectMany(p => p.Values()).ToArray();
        var total = 0.0;
        foreach (var v in values)
        {
            total += v;
        }

        return [total, values.Min(), values.Max()];
    }

    private static void Assemble(InferenceRequest request, PartFile[] parts, string path)
    {
        var rows = parts.Sum(p => p.Rows);
        var columns = parts.Length == 0 ? 1 : parts[0].Columns;
        using var table = request.Task.IsInteger()
            ? TableOutput.ForIntegers(path, rows)
            : TableOutput.ForDoubles(path, rows, columns);
        foreach (var part in parts)
        {
            var values = part.Values();
            if (request.Task.IsInteger())
            {
                table.Append(values.Select(v => (int)v).ToArray());
            }
            else
            {
                table.Append(values);
            }
        }

        table.Complete();
    }

    private static void WriteManifest(InferenceRequest request, PartFile[] parts, InferenceStatistics stats)
    {
        using var stream = OutputFile.Create(Path.Combine(request.Directory, "manifest.json"));
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("task", request.Task.Kind());
        writer.WriteString("dtype", request.Task.IsInteger() ? "int32" : "float64");
        writer.WriteNumber("rows", stats.Rows);
        writer.WriteNumber("outputs", stats.Outputs);
        writer.WriteNumber("columns", parts.Length == 0 ? 1 : parts[0].Columns);
        writer.WriteStartArray("parts");
        long first = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("partition", i);
            writer.WriteString("file", Path.GetFileName(request.PartPath(i)));
            writer.WriteNumber("first", first);
            writer.WriteNumber("count", parts[i].Rows);
            writer.WriteEndObject();
            first += parts[i].Rows;
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>One written part.</summary>
    private sealed class PartFile(NpyRowSource source) : IDisposable
    {
        public long Rows => source.Rows;

        public int Columns => source.Features;

        public static PartFile Open(string path) => File.Exists(path)
            ? new PartFile(new NpyRowSource(path, "inference part"))
            : throw new InvalidInputException($"The part {path} is missing; a worker could not write the output.");

        public double[] Values()
        {
            var values = new double[source.Rows * source.Features];
            source.Read(0, (int)source.Rows, values);
            return values;
        }

        public void Dispose() => source.Dispose();
    }
}
