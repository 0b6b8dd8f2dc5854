using AiMass.Kernels;
using AiMass.Seed.Data.Storage;

namespace AiMass.Seed.Data.Parts;

/// <summary>Reads one part's header (<c>.npy</c>) or footer (Parquet), or converts a CSV part once, into a
/// <see cref="DatasetPart"/>.</summary>
internal static class PartDescriber
{
    /// <summary>Describes <paramref name="item"/>, whose rows start at dataset row <paramref name="firstRow"/>.
    /// </summary>
    public static DatasetPart Describe(
        DataAccess access, IObjectStore store, StoredObject item, PartFormat format, long firstRow, string role)
    {
        switch (format)
        {
            case PartFormat.Npy:
            {
                var header = ReadNpyHeader(store, item, role);
                return new DatasetPart(
                    item, format, firstRow, header.Rows, header.Features, header.DataType.Descr(), header);
            }

            case PartFormat.Parquet:
            {
                using var reader = ParquetPartReader.Open(store, item, role, null);
                if (reader.Rows == 0 && firstRow == 0)
                {
                    throw new InvalidInputException($"{item.Name} has no rows; it needs at least one row");
                }

                return new DatasetPart(item, format, firstRow, reader.Rows, reader.Features, reader.Schema, null);
            }

            default:
            {
                var path = access.Csv.Convert(store, item, role);
                using var stream = File.OpenRead(path);
                var header = NpyHeaderReader.Read(stream, item.Name);
                return new DatasetPart(item, format, firstRow, header.Rows, header.Features, "csv", header, path);
            }
        }
    }

    private static NpyHeader ReadNpyHeader(IObjectStore store, StoredObject item, string role)
    {
        using Stream stream = item.Location.IsS3
            ? new ObjectStream(store, item, role, null)
            : DataFile.OpenRead(item.Location.Path!, role);
        return NpyHeaderReader.Read(stream, item.Name);
    }
}
