namespace AiMass.Seed.Data;

/// <summary>numpy names, sizes and <c>descr</c> strings of <see cref="NpyDataType"/>.</summary>
public static class NpyDataTypes
{
    /// <summary>The supported <c>descr</c> strings, for error messages.</summary>
    public const string Supported = "'<f4', '<f8', '<i4', '<i8' (little-endian float32, float64, int32, int64)";

    /// <summary>Bytes per element.</summary>
    public static int Size(this NpyDataType type) => type switch
    {
        NpyDataType.Float32 or NpyDataType.Int32 => 4,
        _ => 8,
    };

    /// <summary>The numpy <c>descr</c> string, e.g. <c>'&lt;f8'</c>.</summary>
    public static string Descr(this NpyDataType type) => type switch
    {
        NpyDataType.Float32 => "<f4",
        NpyDataType.Float64 => "<f8",
        NpyDataType.Int32 => "<i4",
        _ => "<i8",
    };

    /// <summary>The numpy dtype name, e.g. <c>float64</c>.</summary>
    public static string NumpyName(this NpyDataType type) => type switch
    {
        NpyDataType.Float32 => "float32",
        NpyDataType.Float64 => "float64",
        NpyDataType.Int32 => "int32",
        _ => "int64",
    };

    /// <summary>Maps a supported <c>descr</c> (<c>&lt;f4 &lt;f8 &lt;i4 &lt;i8</c>) to its type.</summary>
    public static bool TryParse(string descr, out NpyDataType type)
    {
        switch (descr)
        {
            case "<f4": type = NpyDataType.Float32; return true;
            case "<f8": type = NpyDataType.Float64; return true;
            case "<i4": type = NpyDataType.Int32; return true;
            case "<i8": type = NpyDataType.Int64; return true;
            default: type = default; return false;
        }
    }

    /// <summary>
    /// A readable name for any numpy <c>descr</c>, e.g. <c>'&gt;f8'</c> → "big-endian float64",
    /// <c>'&lt;U5'</c> → "string"; unknown codes are "an unknown type" (the code is data: messages quote it
    /// as an excerpt).
    /// </summary>
    public static string Describe(string descr)
    {
        ArgumentNullException.ThrowIfNull(descr);
        if (descr.Length < 2)
        {
            return "an unknown type";
        }

        var order = descr[0] switch { '>' => "big-endian ", '<' or '|' or '=' => "", _ => null };
        var body = order is null ? descr : descr[1..];
        var bytes = int.TryParse(body.AsSpan(1), out var b) ? b : 0;
        var kind = body[0] switch
        {
            'f' => $"float{bytes * 8}",
            'i' => $"int{bytes * 8}",
            'u' => $"uint{bytes * 8}",
            'c' => $"complex{bytes * 8}",
            'b' or '?' => "bool",
            'U' or 'S' or 'a' => "string",
            'O' => "object",
            'M' => "datetime",
            'm' => "timedelta",
            'V' => "void (raw bytes)",
            _ => null,
        };
        return kind is null ? "an unknown type" : (order ?? "") + kind;
    }
}
