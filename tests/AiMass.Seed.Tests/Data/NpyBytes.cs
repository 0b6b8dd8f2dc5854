using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace AiMass.Seed.Tests.Data;

/// <summary>Hand-crafts .npy files byte by byte (independent of the production header encoder).</summary>
internal static class NpyBytes
{
    /// <summary>
    /// magic, version, header length (2 bytes for v1, 4 for v2/v3), the dict text padded with spaces and '\n' to
    /// a multiple of 64 bytes, then <paramref name="data"/>.
    /// </summary>
    public static byte[] File(int major, string dict, ReadOnlySpan<byte> data, int minor = 0)
    {
        var prefix = major == 1 ? 10 : 12;
        var text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetBytes(dict);
        var headerLength = text.Length + 1;
        headerLength += (64 - ((prefix + headerLength) % 64)) % 64;
        var bytes = new byte[prefix + headerLength + data.Length];
        bytes[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY").CopyTo(bytes, 1);
        bytes[6] = (byte)major;
        bytes[7] = (byte)minor;
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLength);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)headerLength);
        }

        text.CopyTo(bytes, prefix);
        bytes.AsSpan(prefix + text.Length, headerLength - text.Length - 1).Fill((byte)' ');
        bytes[prefix + headerLength - 1] = (byte)'\n';
        data.CopyTo(bytes.AsSpan(prefix + headerLength));
        return bytes;
    }

    /// <summary>A header dict as numpy writes it.</summary>
    public static string Dict(string descr, string shape, bool fortran = false) =>
        $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";

    /// <summary>The little-endian bytes of <paramref name="values"/>.</summary>
    public static byte[] Of<T>(params T[] values)
        where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
