using System.Buffers;
using System.Buffers.Text;

namespace AiMass.Kernels.Models;

/// <summary>
/// The text of a nested numeric array's top-level elements (<c>[[a,b],[c,d]]</c> for one covariance), formatted
/// in parallel when the array is large: shortest round-trip float64 formatting is ~150 ns a number, two thirds of
/// writing a K=256, D=128 model file. Innermost arrays one per line when indented; the elements come back in
/// order, so the file's bytes do not depend on the thread count.
/// </summary>
internal static class NestedArrayText
{
    /// <summary>Numbers from which the elements are formatted on the thread pool.</summary>
    public const int ParallelFrom = 1 << 16;

    /// <summary>
    /// Writes each element of <paramref name="values"/> (<paramref name="shape"/>, at least two levels) to
    /// <paramref name="write"/> in order, each starting with a line break and the indentation of
    /// <paramref name="depth"/> when <paramref name="indented"/>. Large arrays are formatted on the thread pool in
    /// batches into pooled buffers.
    /// </summary>
    public static void Elements(
        double[] values, int[] shape, int depth, bool indented, Action<ReadOnlyMemory<byte>> write)
    {
        var count = shape[0];
        var size = count == 0 ? 0 : values.Length / count;
        var inner = shape[1..];
        var batch = values.Length >= ParallelFrom ? Math.Max(1, 4 * Environment.ProcessorCount) : 1;
        var texts = new (byte[] Buffer, int Length)[batch];
        for (var first = 0; first < count; first += batch)
        {
            var n = Math.Min(batch, count - first);
            Parallel.For(0, n, i =>
                texts[i] = Element(values.AsMemory((first + i) * size, size), inner, depth, indented));
            for (var i = 0; i < n; i++)
            {
                write(texts[i].Buffer.AsMemory(0, texts[i].Length));
                ArrayPool<byte>.Shared.Return(texts[i].Buffer);
            }
        }
    }

    private static (byte[] Buffer, int Length) Element(
        ReadOnlyMemory<double> values, int[] shape, int depth, bool indented)
    {
        var rows = shape.Length == 1 ? 1 : values.Length / shape[^1];
        // 26 bytes a number with its comma (the longest shortest form is 24), a line and brackets per row.
        var buffer = ArrayPool<byte>.Shared.Rent(
            64 + (values.Length * 26) + (rows * (8 + (2 * (depth + shape.Length)))));
        var length = 0;
        Append(buffer, ref length, values.Span, shape, depth, indented);
        return (buffer, length);
    }

    /// <summary>Appends the array <paramref name="values"/> of <paramref name="shape"/> at
    /// <paramref name="depth"/>.</summary>
    private static void Append(
        Span<byte> buffer, ref int length, ReadOnlySpan<double> values, int[] shape, int depth, bool indented)
    {
        NewLine(buffer, ref length, depth, indented);
        if (shape.Length == 1)
        {
            length += Row(buffer[length..], values);
            return;
        }

        buffer[length++] = (byte)'[';
        var size = shape[0] == 0 ? 0 : values.Length / shape[0];
        for (var i = 0; i < shape[0]; i++)
        {
            if (i > 0)
            {
                buffer[length++] = (byte)',';
            }

            Append(buffer, ref length, values.Slice(i * size, size), shape[1..], depth + 1, indented);
        }

        NewLine(buffer, ref length, depth, indented);
        buffer[length++] = (byte)']';
    }

    /// <summary><c>[a,b,…]</c>, the shortest text that reads back to the same float64; returns its length.
    /// </summary>
    public static int Row(Span<byte> buffer, ReadOnlySpan<double> row)
    {
        var length = 0;
        buffer[length++] = (byte)'[';
        for (var i = 0; i < row.Length; i++)
        {
            if (!double.IsFinite(row[i]))
            {
                throw new ArgumentException($"Model arrays hold finite numbers only, not {row[i]}.", nameof(row));
            }

            if (i > 0)
            {
                buffer[length++] = (byte)',';
            }

            Utf8Formatter.TryFormat(row[i], buffer[length..], out var written);
            length += written;
        }

        buffer[length++] = (byte)']';
        return length;
    }

    private static void NewLine(Span<byte> buffer, ref int length, int depth, bool indented)
    {
        if (!indented)
        {
            return;
        }

        buffer[length] = (byte)'\n';
        buffer.Slice(length + 1, 2 * depth).Fill((byte)' ');
        length += 1 + (2 * depth);
    }
}
