namespace AiMass.Kernels.Candidates;

/// <summary>The criteria a model selection minimises: bic (the default), aic, icl.</summary>
public static class SelectionCriterion
{
    /// <summary>The names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["bic", "aic", "icl"];

    /// <summary>The canonical name of <paramref name="value"/> (null: bic); throws naming the value.</summary>
    public static string Parse(string? value)
    {
        var name = value?.Trim().ToLowerInvariant() ?? "bic";
        return Names.Contains(name)
            ? name
            : throw new InvalidInputException($"--criterion {Input.Excerpt.Of(value)}: use bic, aic or icl.");
    }

    /// <summary>The value of <paramref name="criterion"/> in <paramref name="row"/> (null for a failed row).</summary>
    public static double? Of(string criterion, SelectionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return criterion switch
        {
            "aic" => row.Aic,
            "icl" => row.Icl,
            _ => row.Bic,
        };
    }
}
