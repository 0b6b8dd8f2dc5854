using System.Runtime.InteropServices;
using AiMass.Kernels.Mixture;

namespace AiMass.Seed.Serialization;

/// <summary>
/// Raw little-endian float64 arrays, symmetric-matrix triangles and covariance-shaped arrays for the binary codecs.
/// </summary>
public static class BinaryArrays
{
    /// <summary>Writes the values as raw bytes (no length prefix: the reader knows the shape).</summary>
    public static void WriteDoubles(BinaryWriter writer, ReadOnlySpan<double> values)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Reads <paramref name="count"/> raw float64 values.</summary>
    public static double[] ReadDoubles(BinaryReader reader, int count)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var values = new double[count];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        if (reader.Read(bytes) != bytes.Length)
        {
            throw new EndOfStreamException($"Expected {count} float64 values; the message is truncated.");
        }

        return values;
    }

    /// <summary>Writes the lower triangles (i ≥ j) of <paramref name="blocks"/> symmetric D×D matrices.</summary>
    public static void WriteLowerTriangles(BinaryWriter writer, ReadOnlySpan<double> matrices, int blocks, int d)
    {
        var triangle = new double[d * (d + 1) / 2];
        for (var b = 0; b < blocks; b++)
        {
            var t = 0;
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    triangle[t++] = matrices[(b * d * d) + (i * d) + j];
                }
            }

            WriteDoubles(writer, triangle);
        }
    }

    /// <summary>Reads <paramref name="blocks"/> lower triangles back into full symmetric D×D matrices.</summary>
    public static double[] ReadLowerTriangles(BinaryReader reader, int blocks, int d)
    {
        var result = new double[blocks * d * d];
        for (var b = 0; b < blocks; b++)
        {
            var triangle = ReadDoubles(reader, d * (d + 1) / 2);
            var t = 0;
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    result[(b * d * d) + (i * d) + j] = triangle[t];
                    result[(b * d * d) + (j * d) + i] = triangle[t++];
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Writes an array in the shape of <paramref name="type"/>'s covariances (covariances or second moments): full
    /// <c>[K × D × D]</c> and tied <c>[D × D]</c> as lower triangles, diag and spherical raw.
    /// </summary>
    public static void WriteCovarianceShaped(
        BinaryWriter writer, CovarianceType type, ReadOnlySpan<double> values, int k, int d)
    {
        switch (type)
        {
            case CovarianceType.Full:
                WriteLowerTriangles(writer, values, k, d);
                break;
            case CovarianceType.Tied:
                WriteLowerTriangles(writer, values, 1, d);
                break;
            default:
                WriteDoubles(writer, values);
                break;
        }
    }

    /// <summary>
    /// Reads what <see cref="WriteCovarianceShaped"/> wrote; diag and spherical arrays hold
    /// <paramref name="rawCount"/> values (the reader knows which layout it expects).
    /// </summary>
    public static double[] ReadCovarianceShaped(BinaryReader reader, CovarianceType type, int k, int d, int rawCount) =>
        type switch
        {
            CovarianceType.Full => ReadLowerTriangles(reader, k, d),
            CovarianceType.Tied => ReadLowerTriangles(reader, 1, d),
            _ => ReadDoubles(reader, rawCount),
        };
}
