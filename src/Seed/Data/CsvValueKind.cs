namespace AiMass.Seed.Data;

/// <summary>How a CSV or text cell reads as a number.</summary>
internal enum CsvValueKind
{
    /// <summary>A finite number.</summary>
    Number,

    /// <summary>Empty, or a missing-value marker (NA, N/A, null, None).</summary>
    Missing,

    /// <summary>NaN in any spelling (nan, NaN, -nan).</summary>
    NaN,

    /// <summary>An infinity (inf, -Infinity, 1e999).</summary>
    Infinite,

    /// <summary>Not a number at all.</summary>
    Text,
}
