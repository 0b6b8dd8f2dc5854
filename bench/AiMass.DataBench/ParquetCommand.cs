using AiMass.Seed.Data;
using Parquet;
using Parquet.Schema;

namespace AiMass.DataBench;

/// <summary><c>parquet --npy X.npy --output Y.parquet [--group-rows 262144]</c>: one float64 column per feature,
/// written one row group at a time (memory: one row group).</summary>
internal static class ParquetCommand
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        using var source = new NpyRowSource(options["npy"]);
        var groupRows = (int)Options.Get(options, "group-rows", 262_144);
        var d = source.Features;
        var fields = Enumerable.Range(0, d).Select(c => new DataField<double>($"x{c}")).ToArray();
        using var stream = File.Create(options["output"]);
        var writer = ParquetWriter.CreateAsync(new ParquetSchema(fields), stream).GetAwaiter().GetResult();
        var rows = new double[groupRows * d];
        var column = new double[groupRows];
        for (long first = 0; first < source.Rows; first += groupRows)
        {
            var n = (int)Math.Min(groupRows, source.Rows - first);
            source.Read(first, n, rows.AsSpan(0, n * d));
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < d; c++)
            {
                for (var i = 0; i < n; i++)
                {
                    column[i] = rows[(i * d) + c];
                }

                group.WriteAsync<double>(fields[c], column.AsMemory(0, n)).GetAwaiter().GetResult();
            }
        }

        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Console.WriteLine($"wrote {source.Rows} rows × {d} to {options["output"]} ({new FileInfo(options["output"]).Length >> 20} MiB)");
        return 0;
    }
}
