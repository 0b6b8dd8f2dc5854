using System.Globalization;
using System.Text;
using System.Text.Json;
using AiMass.Kernels.Candidates;

namespace AiMass.Kernels.Models;

/// <summary>
/// A model selection's table: in the chosen model's file as <c>"selection": [{k, covariance, lower_bound,
/// log_likelihood, bic, aic, icl, n_iter, converged, best_init, error}, …]</c>, and as CSV with exactly the columns
/// <c>k,covariance,lower_bound,log_likelihood,bic,aic,icl,n_iter,converged,best_init</c> (empty cells for a failed
/// candidate; numbers round-trip exactly, "R" format).
/// </summary>
public static class SelectionTable
{
    /// <summary>The CSV header.</summary>
    public const string Header = "k,covariance,lower_bound,log_likelihood,bic,aic,icl,n_iter,converged,best_init";

    /// <summary>Writes the <c>selection</c> array.</summary>
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<SelectionRow> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        writer.WriteStartArray("selection");
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            writer.WriteNumber("k", row.Components);
            writer.WriteString("covariance", row.Covariance);
            Number(writer, "lower_bound", row.LowerBound);
            Number(writer, "log_likelihood", row.LogLikelihood);
            Number(writer, "bic", row.Bic);
            Number(writer, "aic", row.Aic);
            Number(writer, "icl", row.Icl);
            Number(writer, "n_iter", row.Iterations);
            writer.WriteBoolean("converged", row.Converged);
            Number(writer, "best_init", row.BestInit);
            if (row.Error is not null)
            {
                writer.WriteString("error", row.Error);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Reads the <c>selection</c> array of a model file's JSON text (null when it has none).</summary>
    public static IReadOnlyList<SelectionRow>? Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("selection", out var array))
        {
            return null;
        }

        return array.EnumerateArray().Select(e => new SelectionRow(
            e.GetProperty("k").GetInt32(), e.GetProperty("covariance").GetString()!, Double(e, "lower_bound"),
            Double(e, "log_likelihood"), Double(e, "bic"), Double(e, "aic"), Double(e, "icl"),
            (int?)Double(e, "n_iter"), e.GetProperty("converged").GetBoolean(), (int?)Double(e, "best_init"),
            e.TryGetProperty("error", out var error) ? error.GetString() : null)).ToArray();
    }

    /// <summary>The CSV text: the header, then one line per row.</summary>
    public static string ToCsv(IReadOnlyList<SelectionRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder(Header).Append('\n');
        foreach (var r in rows)
        {
            text.AppendJoin(',', r.Components.ToString(CultureInfo.InvariantCulture), r.Covariance, Cell(r.LowerBound),
                Cell(r.LogLikelihood), Cell(r.Bic), Cell(r.Aic), Cell(r.Icl), Cell(r.Iterations),
                r.Converged ? "true" : "false", Cell(r.BestInit)).Append('\n');
        }

        return text.ToString();
    }

    private static string Cell(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Cell(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static void Number(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static double? Double(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
