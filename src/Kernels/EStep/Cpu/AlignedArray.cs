using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// A zeroed array on the pinned heap whose first element sits on a 64-byte boundary, so 512-bit loads of rows
/// whose stride is a multiple of 64 bytes never straddle cache lines.
/// </summary>
internal sealed class AlignedArray<T>
    where T : unmanaged
{
    private const int Alignment = 64;
    private readonly T[] _storage;
    private readonly int _offset;

    /// <summary>Allocates <paramref name="length"/> zeroed elements.</summary>
    public AlignedArray(int length)
        : this(length, zeroed: true)
    {
    }

    /// <summary>
    /// Allocates <paramref name="length"/> elements, zeroed or not: a large uninitialised array is memory the
    /// process has not touched yet, so it joins the resident set only as it is written.
    /// </summary>
    public unsafe AlignedArray(int length, bool zeroed)
    {
        var size = Unsafe.SizeOf<T>();
        var total = length + (Alignment / size);
        _storage = zeroed
            ? GC.AllocateArray<T>(total, pinned: true)
            : GC.AllocateUninitializedArray<T>(total, pinned: true);
        var address = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_storage));
        var misalignment = (int)(address % Alignment);
        _offset = misalignment == 0 ? 0 : (Alignment - misalignment) / size;
        Length = length;
    }

    /// <summary>Number of usable elements.</summary>
    public int Length { get; }

    /// <summary>The elements.</summary>
    public Span<T> Span => _storage.AsSpan(_offset, Length);

    /// <summary>A reference to the first element, for the kernels' unchecked indexing.</summary>
    public ref T Start => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_storage), _offset);
}
