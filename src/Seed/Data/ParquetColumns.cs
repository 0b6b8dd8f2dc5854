using System.Numerics;
using AiMass.Kernels;
using AiMass.Kernels.Input;
using Parquet;
using Parquet.Schema;

namespace AiMass.Seed.Data;

/// <summary>
/// Reads one numeric Parquet column chunk into a float64 row-major array, converting each value and rejecting
/// nulls, NaN and infinities with a message naming the row and column. Dispatch on the column's CLR type is an
/// explicit type switch (no reflection).
/// </summary>
internal static class ParquetColumns
{
    /// <summary>True for the column types AiMass reads as numbers.</summary>
    public static bool IsNumeric(Type type) =>
        type == typeof(double) || type == typeof(float) || type == typeof(Half) || type == typeof(decimal)
        || type == typeof(sbyte) || type == typeof(byte) || type == typeof(short) || type == typeof(ushort)
        || type == typeof(int) || type == typeof(uint) || type == typeof(long) || type == typeof(ulong);

    /// <summary>A word for a non-numeric column type, for messages.</summary>
    public static string Describe(Type type) => type switch
    {
        _ when type == typeof(string) || type == typeof(ReadOnlyMemory<char>) => "text (string)",
        _ when type == typeof(bool) => "boolean",
        _ when type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>) => "binary",
        _ when type == typeof(Guid) => "UUID",
        _ when type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(TimeSpan)
            || type == typeof(TimeOnly) || type.Name == "Interval" => "date/time",
        _ when type == typeof(BigInteger) || type.Name == "BigDecimal" => "arbitrary-precision number",
        _ => type.Name,
    };

    /// <summary>Reads <paramref name="field"/> of <paramref name="group"/> into <paramref name="target"/>.</summary>
    public static ValueTask ReadAsync(ParquetRowGroupReader group, DataField field, ParquetColumnTarget target)
    {
        var t = field.ClrType;
        return t == typeof(double) ? ReadAsync<double>(group, field, target)
            : t == typeof(float) ? ReadAsync<float>(group, field, target)
            : t == typeof(Half) ? ReadAsync<Half>(group, field, target)
            : t == typeof(decimal) ? ReadAsync<decimal>(group, field, target)
            : t == typeof(sbyte) ? ReadAsync<sbyte>(group, field, target)
            : t == typeof(byte) ? ReadAsync<byte>(group, field, target)
            : t == typeof(short) ? ReadAsync<short>(group, field, target)
            : t == typeof(ushort) ? ReadAsync<ushort>(group, field, target)
            : t == typeof(int) ? ReadAsync<int>(group, field, target)
            : t == typeof(uint) ? ReadAsync<uint>(group, field, target)
            : t == typeof(long) ? ReadAsync<long>(group, field, target)
            : t == typeof(ulong) ? ReadAsync<ulong>(group, field, target)
            : throw new ArgumentException(
                $"Column {Excerpt.Of(field.Name)} of type {t.Name} is not numeric.", nameof(field));
    }

    private static async ValueTask ReadAsync<T>(
        ParquetRowGroupReader group, DataField field, ParquetColumnTarget target)
        where T : struct, INumberBase<T>
    {
        var rows = checked((int)group.RowCount);
        var values = new T[rows];
        var levels = field.MaxDefinitionLevel > 0 ? new int[rows] : null;
        // Pass null, not an empty buffer, for a required column: Parquet.Net checks the buffer's length. (A null
        // literal converts to Memory<int> through int[], so `cond ? null : memory` would be an empty buffer.)
        Memory<int>? levelMemory = null;
        if (levels is not null)
        {
            levelMemory = levels;
        }

        await group.ReadRawAsync<T>(field, values, levelMemory, null).ConfigureAwait(false);
        Store<T>(values, levels ?? [], rows, field, target);
    }

    /// <summary>values: the non-null values in row order; levels: definition level per row (empty: no nulls).</summary>
    private static void Store<T>(ReadOnlySpan<T> values, ReadOnlySpan<int> levels, int rows, DataField field,
        ParquetColumnTarget target)
        where T : struct, INumberBase<T>
    {
        var hasLevels = !levels.IsEmpty;
        var next = 0;
        for (var i = 0; i < rows; i++)
        {
            var isNull = hasLevels && levels[i] < field.MaxDefinitionLevel;
            if (i < target.Skip || i - target.Skip >= target.Take)
            {
                next += isNull ? 0 : 1;
                continue;
            }

            var row = target.FirstRow + i - target.Skip;
            if (isNull)
            {
                throw new InvalidInputException(
                    $"{Where(target, row, field)}: null (a missing value); "
                    + "remove or impute the rows with missing values (pandas: df.dropna())");
            }

            var value = double.CreateSaturating(values[next++]);
            if (!double.IsFinite(value))
            {
                throw new InvalidInputException($"{Where(target, row, field)}: {FiniteCheck.Describe(value)}");
            }

            target.Values[(row * target.Features) + target.Column] = value;
        }
    }

    /// <summary>"file row N, column 'name'" for messages (the row in the file, the name as a short excerpt).</summary>
    private static string Where(ParquetColumnTarget target, long row, DataField field) =>
        $"{target.FileName} row {row + target.RowBase}, column {Excerpt.Of(field.Name)}";
}
