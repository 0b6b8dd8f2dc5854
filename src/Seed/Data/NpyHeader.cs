using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace AiMass.Seed.Data;

/// <summary>
/// The header of a <c>.npy</c> file that AiMass can read: a little-endian, C-order, 1-D or 2-D array.
/// The data, <c>[Rows × Features]</c> row-major, starts at <see cref="DataOffset"/>.
/// Format: https://numpy.org/devdocs/reference/generated/numpy.lib.format.html
/// </summary>
/// <param name="MajorVersion">Format version: 1, 2 or 3 (minor version is always 0).</param>
/// <param name="DataType">The element type.</param>
/// <param name="Rows">Number of rows (the first dimension).</param>
/// <param name="Features">Values per row (the second dimension; 1 for a 1-D array).</param>
/// <param name="IsOneDimensional">True when the shape is <c>(Rows,)</c>.</param>
/// <param name="DataOffset">Byte offset of the first value.</param>
public sealed record NpyHeader(
    int MajorVersion, NpyDataType DataType, long Rows, int Features, bool IsOneDimensional, long DataOffset)
{
    /// <summary>numpy aligns the data to this many bytes (numpy.lib.format.ARRAY_ALIGN).</summary>
    public const int Alignment = 64;

    /// <summary>The magic string every <c>.npy</c> file starts with.</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Bytes of array data the header announces: Rows × Features × element size.</summary>
    public long DataBytes => Rows * Features * DataType.Size();

    /// <summary>The shape as Python prints it, e.g. <c>(1000, 4)</c> or <c>(1000,)</c>.</summary>
    public string ShapeText => FormatShape(IsOneDimensional ? [Rows] : [Rows, Features]);

    /// <summary>Formats a shape as Python prints a tuple: <c>()</c>, <c>(5,)</c>, <c>(5, 3)</c>.</summary>
    public static string FormatShape(IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dims = string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        return shape.Count == 1 ? $"({dims},)" : $"({dims})";
    }

    /// <summary>
    /// Encodes a version 1.0 header exactly as <c>numpy.save</c> writes it (numpy 1.24): the dict literal, 21 − digits
    /// spare spaces for growth, then spaces and a newline padding magic + length + header to a multiple of 64 bytes.
    /// </summary>
    public static byte[] Encode(NpyDataType dataType, long rows, int features, bool oneDimensional)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(features);
        if (oneDimensional && features != 1)
        {
            throw new ArgumentException($"A 1-D array has one value per row, not {features}.", nameof(features));
        }

        var shape = FormatShape(oneDimensional ? [rows] : [rows, features]);
        var rowsText = rows.ToString(CultureInfo.InvariantCulture);
        var dict = $"{{'descr': '{dataType.Descr()}', 'fortran_order': False, 'shape': {shape}, }}"
            + new string(' ', Math.Max(0, 21 - rowsText.Length));
        var headerLength = dict.Length + 1;
        var padding = Alignment - ((Magic.Length + 4 + headerLength) % Alignment);
        var total = Magic.Length + 4 + headerLength + padding;
        var bytes = new byte[total];
        Magic.CopyTo(bytes);
        bytes[6] = 1;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8, 2), checked((ushort)(headerLength + padding)));
        Encoding.Latin1.GetBytes(dict, bytes.AsSpan(10));
        bytes.AsSpan(10 + dict.Length, padding).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }
}
