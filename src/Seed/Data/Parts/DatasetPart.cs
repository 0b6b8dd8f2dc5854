using AiMass.Seed.Data.Storage;

namespace AiMass.Seed.Data.Parts;

/// <summary>
/// One file of a dataset as planning found it: where it is (and its version), its format, its rows and where they
/// start in the whole dataset, and its schema.
/// </summary>
/// <param name="Object">The file or object, with its size and version.</param>
/// <param name="Format">Its format.</param>
/// <param name="FirstRow">The dataset row of its first row (parts follow each other in lexical order).</param>
/// <param name="Rows">Its rows.</param>
/// <param name="Features">Values per row.</param>
/// <param name="Schema">Its schema as text (element type or column names and types), compared across parts.</param>
/// <param name="Npy">The <c>.npy</c> header (for a CSV part: the converted file's), or null for Parquet.</param>
/// <param name="LocalNpyPath">For a CSV part: the converted <c>.npy</c> file; else null.</param>
public sealed record DatasetPart(
    StoredObject Object, PartFormat Format, long FirstRow, long Rows, int Features, string Schema, NpyHeader? Npy,
    string? LocalNpyPath = null)
{
    /// <summary>One past the part's last dataset row.</summary>
    public long EndRow => FirstRow + Rows;

    /// <summary>The part's location text, for messages.</summary>
    public string Name => Object.Name;
}
