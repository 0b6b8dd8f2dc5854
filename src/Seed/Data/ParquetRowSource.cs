using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Kernels.Input;
using Parquet;
using Parquet.Schema;

namespace AiMass.Seed.Data;

/// <summary>
/// A Parquet file of numeric columns (float, double, float16, decimal, signed and unsigned 8–64-bit integers),
/// loaded whole into memory as float64 <c>[Rows × Features]</c>, row-major, one row group at a time (Parquet is
/// column-oriented, so rows cannot be read in place). Columns keep the file's order. Nulls, NaN and infinities are
/// errors naming the row and column, so no NaN check is needed later. For data larger than memory use <c>.npy</c>.
/// </summary>
public sealed class ParquetRowSource : IRowSource
{
    private readonly ArrayRowSource _rows;

    private ParquetRowSource(ArrayRowSource rows, IReadOnlyList<string> columnNames)
    {
        _rows = rows;
        ColumnNames = columnNames;
    }

    /// <inheritdoc />
    public long Rows => _rows.Rows;

    /// <inheritdoc />
    public int Features => _rows.Features;

    /// <inheritdoc />
    public string Name => _rows.Name;

    /// <summary>The columns' names, in file order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Reads the Parquet file at <paramref name="path"/>; <paramref name="role"/> names it in
    /// messages.</summary>
    /// <exception cref="InvalidInputException">Missing, unreadable, not Parquet, a non-numeric or nested column, no
    /// rows, or a null/NaN/infinite value.</exception>
    public static ParquetRowSource Open(string path, string role = "data file") =>
        OpenAsync(path, role).GetAwaiter().GetResult();

    /// <summary>As <see cref="Open"/>, asynchronously.</summary>
    public static async Task<ParquetRowSource> OpenAsync(
        string path, string role = "data file", CancellationToken cancellationToken = default)
    {
        var stream = DataFile.OpenRead(path, role, 1 << 16);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                var reader = await ParquetReader.CreateAsync(stream, null, true, cancellationToken)
                    .ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    return await LoadAsync(reader, path).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not (InvalidInputException or OperationCanceledException
                                          or OutOfMemoryException))
            {
                throw new InvalidInputException(
                    $"{path} is not a readable Parquet file ({Excerpt.OfMessage(e.Message)}); check that it was " +
                    "written completely", e);
            }
        }
    }

    /// <inheritdoc />
    public void Read(long firstRow, int rowCount, Span<double> destination) =>
        _rows.Read(firstRow, rowCount, destination);

    /// <inheritdoc />
    public void Read(long firstRow, int rowCount, Span<float> destination) =>
        _rows.Read(firstRow, rowCount, destination);

    private static async Task<ParquetRowSource> LoadAsync(ParquetReader reader, string path)
    {
        var fields = NumericFields(reader.Schema, path);
        var rows = reader.RowGroups.Sum(g => g.RowCount);
        if (rows == 0)
        {
            throw new InvalidInputException($"{path} has no rows; it needs at least one row");
        }

        if (rows * fields.Length > Array.MaxLength)
        {
            throw new InvalidInputException(
                $"{path} has {rows} rows × {fields.Length} columns, too many to hold in memory as one array; "
                + "convert it to .npy (numpy.save) or split it");
        }

        var values = new double[rows * fields.Length];
        long first = 0;
        foreach (var group in reader.RowGroups)
        {
            for (var c = 0; c < fields.Length; c++)
            {
                await ParquetColumns.ReadAsync(group, fields[c], new(values, first, c, fields.Length, path))
                    .ConfigureAwait(false);
            }

            first += group.RowCount;
        }

        return new ParquetRowSource(new ArrayRowSource(values, fields.Length, path), [.. fields.Select(f => f.Name)]);
    }

    internal static DataField[] NumericFields(ParquetSchema schema, string path)
    {
        if (schema.Fields.Count == 0)
        {
            throw new InvalidInputException($"{path} has no columns; it needs at least one numeric column");
        }

        return [.. schema.Fields.Select(field => NumericField(field, path))];
    }

    private static DataField NumericField(Field field, string path)
    {
        if (field is not DataField data || data.IsArray || data.MaxRepetitionLevel > 0)
        {
            var kind = field.SchemaType == SchemaType.Data ? "List" : field.SchemaType.ToString();
            throw new InvalidInputException(
                $"{path} column {Excerpt.Of(field.Name)} is a nested ({kind.ToLowerInvariant()}) column; AiMass "
                + "needs flat numeric columns; flatten it into one numeric column per value before saving");
        }

        if (!ParquetColumns.IsNumeric(data.ClrType))
        {
            var column = Excerpt.Of(field.Name);
            throw new InvalidInputException(
                $"{path} column {column} holds {ParquetColumns.Describe(data.ClrType)} values; AiMass needs "
                + $"numeric columns; drop it or convert it before saving (pandas: df.drop(columns=[{column}]) "
                + $"or df[{column}].astype('float64'))");
        }

        return data;
    }
}
