using System.Buffers.Binary;
using System.Numerics;
using AiMass.Kernels.Candidates;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;

namespace AiMass.Seed.Serialization;

/// <summary>
/// Binary form of a <see cref="StatisticsSum"/>, exact (the binned state itself, not rounded values): the layout,
/// the exact counts, then per position its top bin (1 byte) and, unless empty, its three bin sums in the fewest
/// whole bytes that hold the largest of them (5 bytes for sums of up to 128 partitions: 16 bytes per position
/// against 8 for a float64). A receiver folds it position by position into its own total, without building another.
/// </summary>
public static class StatisticsSumCodec
{
    private const byte MixtureTag = 1;
    private const byte HmmTag = 2;
    private const byte CandidateSetTag = 3;
    private const byte InferenceTag = 4;

    /// <summary>The bytes of <paramref name="sum"/>.</summary>
    public static byte[] Encode(StatisticsSum sum)
    {
        ArgumentNullException.ThrowIfNull(sum);
        var values = sum.Values;
        var tops = values.TopBins;
        var bins = values.Bins;
        var width = Width(bins);
        var special = values.SpecialFlags;
        var nonEmpty = 0;
        foreach (var top in tops)
        {
            nonEmpty += top == ReproducibleSums.Empty ? 0 : 1;
        }

        var header = Header(sum, width, special.Length > 0);
        var bytes = new byte[header.Length + special.Length + tops.Length + ((long)nonEmpty * 3 * width)];
        header.CopyTo(bytes, 0);
        special.CopyTo(bytes.AsSpan(header.Length));
        var at = header.Length + special.Length;
        for (var i = 0; i < tops.Length; i++)
        {
            bytes[at++] = (byte)tops[i];
            if (tops[i] == ReproducibleSums.Empty)
            {
                continue;
            }

            for (var f = 0; f < 3; f++)
            {
                WriteSigned(bytes, at, width, bins[(i * 3) + f]);
                at += width;
            }
        }

        return bytes;
    }

    /// <summary>A new total from <paramref name="bytes"/>.</summary>
    public static StatisticsSum Decode(ReadOnlySpan<byte> bytes)
    {
        var sum = new StatisticsSum(ReadLayout(bytes, out _));
        FoldInto(bytes, sum);
        return sum;
    }

    /// <summary>Adds the total in <paramref name="bytes"/> to <paramref name="target"/> (same layout).</summary>
    public static void FoldInto(ReadOnlySpan<byte> bytes, StatisticsSum target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var layout = ReadLayout(bytes, out var at);
        if (layout != target.Layout)
        {
            throw new InvalidDataException($"Statistics of shape {layout} cannot be folded into {target.Layout}.");
        }

        var rows = BinaryPrimitives.ReadInt64LittleEndian(bytes[at..]);
        var sequences = BinaryPrimitives.ReadInt64LittleEndian(bytes[(at + 8)..]);
        var parts = BinaryPrimitives.ReadInt64LittleEndian(bytes[(at + 16)..]);
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 24)..]);
        int width = bytes[at + 28];
        var hasSpecial = bytes[at + 29] != 0;
        at += 30;
        if (length != layout.Length || width is < 1 or > 8)
        {
            throw new InvalidDataException($"Statistics of {length} positions (width {width}) do not match {layout}.");
        }

        var special = hasSpecial ? bytes.Slice(at, length) : [];
        at += special.Length;
        target.AddCounts(rows, sequences, parts);
        var values = target.Values;
        for (var i = 0; i < length; i++)
        {
            var top = (sbyte)bytes[at++];
            var flags = hasSpecial ? special[i] : (byte)0;
            if (top == ReproducibleSums.Empty)
            {
                values.MergePosition(i, top, 0, 0, 0, flags);
                continue;
            }

            var b0 = ReadSigned(bytes, at, width);
            var b1 = ReadSigned(bytes, at + width, width);
            var b2 = ReadSigned(bytes, at + (2 * width), width);
            at += 3 * width;
            values.MergePosition(i, top, b0, b1, b2, flags);
        }

        if (at != bytes.Length)
        {
            throw new InvalidDataException($"Statistics end at byte {at} of {bytes.Length}.");
        }
    }

    /// <summary>
    /// Most bytes a total of <paramref name="layout"/> over up to <paramref name="parts"/> partitions takes (every
    /// position nonzero), for checks made before a job starts.
    /// </summary>
    public static long MaxBytes(StatisticsLayout layout, long parts)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var width = (BitOperations.Log2((ulong)Math.Max(1, parts)) + 1 + ReproducibleSums.BinBits + 1 + 7) / 8;
        var header = layout is CandidateSetStatisticsLayout set ? 5L + (14L * set.Members.Count) : 14L;
        return 50 + header + (layout.Length * (1L + (3L * width)));
    }

    private static byte[] Header(StatisticsSum sum, int width, bool special)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            WriteLayout(writer, sum.Layout);
            writer.Write(sum.Rows);
            writer.Write(sum.Sequences);
            writer.Write(sum.Parts);
            writer.Write(sum.Layout.Length);
            writer.Write((byte)width);
            writer.Write(special ? (byte)1 : (byte)0);
        }

        return stream.ToArray();
    }

    private static void WriteLayout(BinaryWriter writer, StatisticsLayout layout)
    {
        switch (layout)
        {
            case GaussianMixtureStatisticsLayout m:
                writer.Write(MixtureTag);
                writer.Write((byte)m.Type);
                writer.Write(m.Components);
                writer.Write(m.Features);
                writer.Write(0);
                break;
            case HmmStatisticsLayout h:
                writer.Write(HmmTag);
                writer.Write((byte)h.Emission);
                writer.Write(h.States);
                writer.Write(h.Features);
                writer.Write(h.Symbols);
                break;
            case CandidateSetStatisticsLayout set:
                writer.Write(CandidateSetTag);
                writer.Write(set.Members.Count);
                foreach (var member in set.Members)
                {
                    WriteLayout(writer, member);
                }

                break;
            case Inference.InferenceStatisticsLayout:
                writer.Write(InferenceTag);
                break;
            default:
                throw new NotSupportedException($"No binary codec for {layout.GetType().Name}.");
        }
    }

    /// <summary>The layout at the start of <paramref name="bytes"/>; <paramref name="end"/> is where it ends.</summary>
    private static StatisticsLayout ReadLayout(ReadOnlySpan<byte> bytes, out int end)
    {
        end = 0;
        return ReadLayout(bytes, ref end, nested: false);
    }

    /// <summary>The layout at <paramref name="at"/>, which moves past it; a candidate set's members are plain
    /// layouts.</summary>
    private static StatisticsLayout ReadLayout(ReadOnlySpan<byte> bytes, ref int at, bool nested)
    {
        var tag = bytes[at];
        if (tag == InferenceTag && !nested)
        {
            at += 1;
            return Inference.InferenceStatisticsLayout.Instance;
        }

        if (tag == CandidateSetTag && !nested)
        {
            var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 1)..]);
            at += 5;
            if (count < 0 || count > (bytes.Length - at) / 14)
            {
                throw new InvalidDataException($"A candidate set's statistics of {count} members do not fit.");
            }

            var members = new StatisticsLayout[count];
            for (var m = 0; m < count; m++)
            {
                members[m] = ReadLayout(bytes, ref at, nested: true);
            }

            return new CandidateSetStatisticsLayout(members);
        }

        var kind = bytes[at + 1];
        var a = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 2)..]);
        var b = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 6)..]);
        var c = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 10)..]);
        at += 14;
        return tag switch
        {
            MixtureTag when Enum.IsDefined((CovarianceType)kind) => new GaussianMixtureStatisticsLayout(
                (CovarianceType)kind, a, b),
            HmmTag when Enum.IsDefined((HmmEmission)kind) => new HmmStatisticsLayout((HmmEmission)kind, a, b, c),
            _ => throw new InvalidDataException($"Unknown statistics layout {tag}/{kind}."),
        };
    }

    /// <summary>Fewest bytes that hold every bin sum as a two's-complement integer.</summary>
    private static int Width(ReadOnlySpan<long> bins)
    {
        ulong widest = 0;
        foreach (var bin in bins)
        {
            widest |= (ulong)(bin ^ (bin >> 63)); // |bin| for positives, |bin| − 1 for negatives
        }

        var bits = 64 - BitOperations.LeadingZeroCount(widest) + 1;
        return (bits + 7) / 8;
    }

    /// <summary>The low <paramref name="width"/> bytes of <paramref name="value"/>, little-endian, at
    /// <paramref name="at"/>; writes 8 bytes where there is room (the next value overwrites the extra ones).</summary>
    private static void WriteSigned(byte[] destination, int at, int width, long value)
    {
        if (at + 8 <= destination.Length)
        {
            BinaryPrimitives.WriteInt64LittleEndian(destination.AsSpan(at, 8), value);
            return;
        }

        for (var i = 0; i < width; i++)
        {
            destination[at + i] = (byte)(value >> (8 * i));
        }
    }

    /// <summary>A <paramref name="width"/>-byte little-endian two's-complement integer at <paramref name="at"/>.
    /// </summary>
    private static long ReadSigned(ReadOnlySpan<byte> source, int at, int width)
    {
        var unused = 64 - (8 * width);
        if (at + 8 <= source.Length)
        {
            var raw = BinaryPrimitives.ReadInt64LittleEndian(source.Slice(at, 8));
            return unused == 0 ? raw : (raw << unused) >> unused;
        }

        ulong value = 0;
        for (var i = 0; i < width; i++)
        {
            value |= (ulong)source[at + i] << (8 * i);
        }

        return unused == 0 ? (long)value : (long)(value << unused) >> unused;
    }
}
