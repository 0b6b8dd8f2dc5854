namespace AiMass.Seed.Data.Parts;

/// <summary>The file format of a dataset part.</summary>
public enum PartFormat
{
    /// <summary>A <c>.npy</c> array, read by byte range.</summary>
    Npy,

    /// <summary>A Parquet file, read by row group.</summary>
    Parquet,

    /// <summary>A CSV file, converted once per process to a binary cache and read by range from it.</summary>
    Csv,
}
