namespace AiMass.Seed.Data;

/// <summary>The element types AiMass reads from and writes to <c>.npy</c> files (all little-endian).</summary>
public enum NpyDataType
{
    /// <summary>IEEE 754 single precision, numpy <c>'&lt;f4'</c>.</summary>
    Float32,

    /// <summary>IEEE 754 double precision, numpy <c>'&lt;f8'</c>.</summary>
    Float64,

    /// <summary>32-bit signed integer, numpy <c>'&lt;i4'</c>.</summary>
    Int32,

    /// <summary>64-bit signed integer, numpy <c>'&lt;i8'</c>.</summary>
    Int64,
}
