using System.Globalization;
using AiMass.Kernels.Input;

namespace AiMass.Seed.Data;

/// <summary>Parses one cell as a float64, invariant culture (a '.' decimal point, no thousands separators).</summary>
internal static class CsvValue
{
    /// <summary>Classifies <paramref name="cell"/> and returns its value when it is a finite number.</summary>
    public static CsvValueKind Parse(ReadOnlySpan<char> cell, out double value)
    {
        value = 0;
        if (cell.IsEmpty)
        {
            return CsvValueKind.Missing;
        }

        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return double.IsNaN(value) ? CsvValueKind.NaN
                : double.IsInfinity(value) ? CsvValueKind.Infinite
                : CsvValueKind.Number;
        }

        var bare = cell.TrimStart("+-");
        if (bare.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            return CsvValueKind.NaN;
        }

        if (bare.Equals("inf", StringComparison.OrdinalIgnoreCase)
            || bare.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            return CsvValueKind.Infinite;
        }

        return IsMissingMarker(cell) ? CsvValueKind.Missing : CsvValueKind.Text;
    }

    /// <summary>The user-facing description of a bad cell and what to do, e.g. "'abc' is not a number; ..."; the
    /// cell is quoted as an <see cref="Excerpt"/>.</summary>
    public static string Problem(CsvValueKind kind, ReadOnlySpan<char> cell) => kind switch
    {
        CsvValueKind.Missing when cell.IsEmpty =>
            "the cell is empty; remove or impute the rows with missing values",
        CsvValueKind.Missing => $"{Excerpt.Of(cell)} is a missing value; remove or impute the rows with missing values",
        CsvValueKind.NaN => $"{Excerpt.Of(cell)} is NaN; remove or impute the rows with missing values",
        CsvValueKind.Infinite =>
            $"{Excerpt.Of(cell)} is infinite; remove the row or replace the value with a finite number",
        _ => $"{Excerpt.Of(cell)} is not a number; fix the cell or remove the row (numbers use '.' as decimal point)",
    };

    private static bool IsMissingMarker(ReadOnlySpan<char> cell) =>
        cell.Equals("NA", StringComparison.OrdinalIgnoreCase)
        || cell.Equals("N/A", StringComparison.OrdinalIgnoreCase)
        || cell.Equals("null", StringComparison.OrdinalIgnoreCase)
        || cell.Equals("None", StringComparison.Ordinal);
}
