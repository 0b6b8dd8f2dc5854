using Parquet;
using Parquet.Schema;

namespace AiMass.Cluster.Tests.Support;

/// <summary>Writes row-major float64 rows as Parquet files (one float64 column per feature).</summary>
public static class ParquetDatasets
{
    /// <summary>Writes rows <c>[first, first + count)</c> of <paramref name="values"/> (<c>[n × d]</c>) to
    /// <paramref name="path"/> in row groups of <paramref name="groupRows"/>.</summary>
    public static string Write(string path, double[] values, int features, long first, long count, int groupRows)
    {
        var fields = Enumerable.Range(0, features).Select(c => new DataField<double>($"x{c}")).ToArray();
        using var stream = File.Create(path);
        var writer = ParquetWriter.CreateAsync(new ParquetSchema(fields), stream).GetAwaiter().GetResult();
        try
        {
            for (var start = first; start < first + count; start += groupRows)
            {
                var n = (int)Math.Min(groupRows, first + count - start);
                using var group = writer.CreateRowGroup();
                for (var c = 0; c < features; c++)
                {
                    var column = new double[n];
                    for (var i = 0; i < n; i++)
                    {
                        column[i] = values[((start + i) * features) + c];
                    }

                    group.WriteAsync<double>(fields[c], column).GetAwaiter().GetResult();
                }
            }
        }
        finally
        {
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return path;
    }

    /// <summary>Reads a whole <c>.npy</c> written by <see cref="Datasets"/> as row-major float64.</summary>
    public static double[] ReadNpy(string path, out int features)
    {
        using var source = new AiMass.Seed.Data.NpyRowSource(path);
        features = source.Features;
        var values = new double[source.Rows * source.Features];
        source.Read(0, (int)source.Rows, values);
        return values;
    }
}
