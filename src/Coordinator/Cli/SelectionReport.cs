using System.Globalization;
using AiMass.Kernels.Candidates;
using AiMass.Kernels.Models;
using AiMass.Seed.Data;

namespace AiMass.Coordinator.Cli;

/// <summary>What a model selection prints and writes: the readable table on stdout (the winner marked), the CSV
/// table (<c>--table</c>), and one warning line per candidate that failed.</summary>
public static class SelectionReport
{
    /// <summary>Prints <paramref name="rows"/> and writes the CSV when <paramref name="tablePath"/> is given.</summary>
    public static void Write(
        IReadOnlyList<SelectionRow> rows, string criterion, SelectionRow chosen, string? tablePath, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(context);
        var table = new TextColumns("", "k", "covariance", "bic", "aic", "icl", "lower_bound", "n_iter", "converged");
        foreach (var r in rows)
        {
            table.Add(
                r == chosen ? "*" : "", Int(r.Components), r.Covariance, G(r.Bic), G(r.Aic),
                G(r.Icl), G(r.LowerBound), r.Iterations is { } n ? Int(n) : "-",
                r.Error is null ? (r.Converged ? "yes" : "no") : "failed");
        }

        table.Write(context.Out);
        foreach (var failed in rows.Where(r => r.Error is not null))
        {
            context.Error.WriteLine(
                $"aimass: warning: k={failed.Components} {failed.Covariance} failed: {failed.Error}");
        }

        context.Out.WriteLine(
            $"best by {criterion}: k={chosen.Components} {chosen.Covariance} " +
            $"({criterion} {G(SelectionCriterion.Of(criterion, chosen))})");
        if (tablePath is not null)
        {
            using (var stream = OutputFile.Create(tablePath))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(SelectionTable.ToCsv(rows));
            }

            context.Out.WriteLine($"table written to {tablePath}");
        }
    }

    /// <summary>Prints and writes the table a cluster (or embedded cluster) job put in the chosen model's file.
    /// </summary>
    public static void FromModelFile(string modelPath, string? tablePath, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var json = File.ReadAllText(modelPath);
        var rows = SelectionTable.Read(json) ?? throw new InvalidOperationException(
            $"{modelPath} has no \"selection\" table; the coordinator did not run a model selection.");
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var root = document.RootElement;
        var chosen = Chosen(
            rows, root.GetProperty("n_components").GetInt32(), root.GetProperty("covariance_type").GetString()!);
        Write(rows, root.GetProperty("criterion").GetString()!, chosen, tablePath, context);
    }

    /// <summary>The row of the chosen candidate: the model's k and covariance.</summary>
    public static SelectionRow Chosen(IReadOnlyList<SelectionRow> rows, int k, string covariance) =>
        rows.First(r => r.Components == k && r.Covariance == covariance && r.Error is null);

    private static string G(double? value) => value?.ToString("G10", CultureInfo.InvariantCulture) ?? "-";

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
