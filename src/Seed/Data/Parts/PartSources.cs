using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Seed.Data.Storage;

namespace AiMass.Seed.Data.Parts;

/// <summary>
/// Row sources over a <see cref="DatasetCatalog"/>: the whole dataset, read lazily (planning's row sample and
/// checks), or the rows of one partition, read once and held: a local <c>.npy</c> (or converted CSV) is mapped and
/// only the partition's pages are touched; a remote <c>.npy</c> range is fetched (kept in the download cache and
/// mapped when there is one, else in memory); a Parquet partition decodes only the row groups that hold its rows.
/// </summary>
public static class PartSources
{
    /// <summary>Largest remote byte range fetched as one piece (a partition's range is cut into such pieces).
    /// </summary>
    public const int MaxPieceBytes = 256 << 20;

    /// <summary>The whole dataset, read lazily. Dispose it when done.</summary>
    public static IRowSource OpenAll(DatasetCatalog catalog, DataAccess access)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(access);
        var segments = new List<SegmentedRowSource.Segment>(catalog.Parts.Count);
        try
        {
            foreach (var part in catalog.Parts)
            {
                segments.Add(new(part.FirstRow, part.Rows, OpenLazy(catalog, part, access), 0));
            }
        }
        catch
        {
            segments.ForEach(s => (s.Source as IDisposable)?.Dispose());
            throw;
        }

        return new SegmentedRowSource(segments, catalog.Rows, catalog.Features, catalog.Name);
    }

    /// <summary>
    /// Dataset rows <c>[first, first + count)</c> read once and held, as a <see cref="RowSlice"/> (so messages and
    /// checks count rows in the dataset). Dispose the result's underlying source through
    /// <see cref="IDisposable"/> on the returned slice's owner (<see cref="PartitionRows"/>).
    /// </summary>
    public static PartitionRows OpenRows(DatasetCatalog catalog, DataAccess access, long first, long count)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(access);
        var segments = new List<SegmentedRowSource.Segment>();
        access.LoadSlots.Wait();
        try
        {
            foreach (var part in catalog.Parts.Where(p => p.EndRow > first && p.FirstRow < first + count))
            {
                var from = Math.Max(first, part.FirstRow);
                var to = Math.Min(first + count, part.EndRow);
                AddPieces(catalog, part, access, from, to, segments);
            }
        }
        catch
        {
            segments.ForEach(s => (s.Source as IDisposable)?.Dispose());
            throw;
        }
        finally
        {
            access.LoadSlots.Release();
        }

        var held = new SegmentedRowSource(segments, catalog.Rows, catalog.Features, catalog.Name);
        return new PartitionRows(held, new RowSlice(held, first, count));
    }

    private static IRowSource OpenLazy(DatasetCatalog catalog, DatasetPart part, DataAccess access) =>
        part.Format switch
        {
            PartFormat.Csv => new NpyRowSource(part.LocalNpyPath!, catalog.Role),
            PartFormat.Npy when !part.Object.Location.IsS3 =>
                new NpyRowSource(part.Object.Location.Path!, catalog.Role),
            PartFormat.Npy => new NpyObjectSource(catalog.Store, part.Object, part.Npy!, catalog.Role),
            _ => ParquetPartReader.Open(catalog.Store, part.Object, catalog.Role, access.Cache),
        };

    /// <summary>Adds the segments holding dataset rows <c>[from, to)</c> of <paramref name="part"/>.</summary>
    private static void AddPieces(
        DatasetCatalog catalog, DatasetPart part, DataAccess access, long from, long to,
        List<SegmentedRowSource.Segment> segments)
    {
        switch (part.Format)
        {
            case PartFormat.Npy when part.Object.Location.IsS3:
                var rowBytes = (long)part.Features * part.Npy!.DataType.Size();
                var step = Math.Max(1, MaxPieceBytes / rowBytes);
                for (var row = from; row < to; row += step)
                {
                    var n = Math.Min(step, to - row);
                    segments.Add(new(row, n, FetchNpy(catalog, part, access, row - part.FirstRow, n), 0));
                }

                break;
            case PartFormat.Npy or PartFormat.Csv:
                var path = part.LocalNpyPath ?? part.Object.Location.Path!;
                var mapped = new NpyRowSource(path, catalog.Role);
                CheckUnchanged(part, mapped);
                segments.Add(new(from, to - from, mapped, from - part.FirstRow));
                break;
            default:
                segments.Add(new(from, to - from, DecodeParquet(catalog, part, access, from, to), 0));
                break;
        }
    }

    /// <summary>Part rows <c>[row, row + n)</c> of a remote <c>.npy</c>: one ranged read, cached when possible.
    /// </summary>
    private static NpyBytesRowSource FetchNpy(
        DatasetCatalog catalog, DatasetPart part, DataAccess access, long row, long n)
    {
        var header = part.Npy!;
        var rowBytes = (long)part.Features * header.DataType.Size();
        var offset = header.DataOffset + (row * rowBytes);
        var length = (int)(n * rowBytes);
        void Fetch(Memory<byte> memory) => catalog.Store.Read(part.Object, offset, memory, catalog.Role);
        if (access.Cache?.GetOrAdd(part.Object, offset, length, Fetch) is { } cached)
        {
            return new NpyBytesRowSource(cached, header.DataType, n, part.Features, part.Name);
        }

        var bytes = new byte[length];
        Fetch(bytes);
        return new NpyBytesRowSource(bytes, header.DataType, n, part.Features, part.Name);
    }

    private static ArrayRowSource DecodeParquet(
        DatasetCatalog catalog, DatasetPart part, DataAccess access, long from, long to)
    {
        var values = (to - from) * part.Features;
        if (values > Array.MaxLength)
        {
            throw new InvalidInputException(
                $"a partition holds {to - from} rows × {part.Features} columns of {part.Name}, too many to hold as "
                + "one array; raise --partitions");
        }

        using var reader = ParquetPartReader.Open(catalog.Store, part.Object, catalog.Role, access.Cache);
        if (reader.Rows != part.Rows || reader.Schema != part.Schema)
        {
            throw Changed(part);
        }

        var rows = new double[values];
        reader.ReadRows(from - part.FirstRow, to - from, rows);
        return new ArrayRowSource(rows, part.Features, part.Name);
    }

    private static void CheckUnchanged(DatasetPart part, NpyRowSource mapped)
    {
        if (mapped.Rows != part.Rows || mapped.Features != part.Features)
        {
            mapped.Dispose();
            throw Changed(part);
        }
    }

    private static DataAccessException Changed(DatasetPart part) =>
        new(DataFault.Changed, part.Name,
            $"{part.Name} changed since the job was planned (its shape differs); leave the data unchanged while a "
            + "job runs, then run it again");
}
