using AiMass.Kernels.Data;
using AiMass.Seed.Data;
using AiMass.Seed.Tests.Support;
using Xunit;

namespace AiMass.Seed.Tests.Data;

public sealed class NpyRowSourceEvictionTests : IDisposable
{
    private const int Rows = 1 << 18, Features = 8; // 16 MiB of float64

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Evicted_rows_leave_the_resident_set_and_read_back_the_same_values()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the resident set is read from /proc; elsewhere eviction is a no-op
        }

        using var source = new NpyRowSource(Write());
        var all = new double[(long)Rows * Features];
        source.Read(0, Rows, all); // every page mapped and resident
        var mapped = FileBackedResidentKiB();
        source.Evict(0, Rows);
        var evicted = FileBackedResidentKiB();
        Assert.True(mapped - evicted >= 12 << 10, $"RssFile went from {mapped} KiB to {evicted} KiB");

        var again = new double[all.Length];
        source.Read(0, Rows, again);
        Assert.Equal(all, again);
        for (var i = 0; i < all.Length; i += 9973)
        {
            Assert.Equal(Value(i), again[i]);
        }
    }

    [LinuxFact]
    public void A_forward_scan_that_gives_back_each_block_keeps_the_mapping_out_of_the_resident_set()
    {
        // Blocks of 3072 rows (192 KiB) evicted one by one as the E-step does. Dropping the page past a block's
        // end, which the next read faults back in, re-mapped its whole large folio: 15 of 16 MiB stayed resident.
        using var source = new NpyRowSource(Write()); // just written: its page cache holds large folios
        var block = new double[3072 * Features];
        var before = FileBackedResidentKiB();
        long peak = 0;
        for (long first = 0; first < Rows; first += 3072)
        {
            var n = (int)Math.Min(3072, Rows - first);
            source.Read(first, n, block.AsSpan(0, n * Features));
            source.Evict(first, n);
            peak = Math.Max(peak, FileBackedResidentKiB() - before);
        }

        // 16 MiB read; at most the granule being read and the one it entered stay (plus noise from the runtime).
        Assert.True(peak <= 6 << 10, $"RssFile rose by up to {peak} KiB while scanning a 16 MiB file");
    }

    [Fact]
    public void Evicting_part_of_a_slice_keeps_every_row_readable()
    {
        using var source = new NpyRowSource(Write());
        var slice = new RowSlice(source, 1000, 5000);
        slice.Evict(17, 3000);
        var row = new double[Features];
        foreach (var r in new[] { 0L, 16, 17, 1500, 3016, 3017, 4999 })
        {
            slice.Read(r, 1, row);
            Assert.Equal(Value((1000 + r) * Features), row[0]);
        }
    }

    [Fact]
    public void Evicting_rows_outside_the_file_names_them()
    {
        using var source = new NpyRowSource(Write());
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => source.Evict(Rows - 1, 2));
        Assert.Contains($"Rows [{Rows - 1}, {Rows + 1}) are outside", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RowSlice(source, 10, 10).Evict(5, 6));
    }

    private static double Value(long index) => (index % 1000) * 0.5;


    private string Write()
    {
        var path = _files.PathOf("x.npy");
        if (File.Exists(path))
        {
            return path;
        }

        using var writer = NpyWriter.Create(path, NpyDataType.Float64, Rows, Features);
        var chunk = new double[4096 * Features];
        for (long first = 0; first < Rows; first += 4096)
        {
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = Value((first * Features) + i);
            }

            writer.WriteRows(chunk);
        }

        writer.Complete();
        return path;
    }

    /// <summary>RssFile of /proc/self/status: this process's resident pages that belong to mapped files.</summary>
    private static long FileBackedResidentKiB()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("RssFile:", StringComparison.Ordinal));
        var kib = line["RssFile:".Length..].Trim().Split(' ')[0];
        return long.Parse(kib, System.Globalization.CultureInfo.InvariantCulture);
    }
}
