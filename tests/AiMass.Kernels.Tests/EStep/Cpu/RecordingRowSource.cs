using AiMass.Kernels.Data;

namespace AiMass.Kernels.Tests.EStep.Cpu;

/// <summary>
/// An evictable row source over an array that counts the rows read, records the rows evicted and can cancel a
/// token once a number of rows has been read.
/// </summary>
internal sealed class RecordingRowSource(
    double[] values, int features, long cancelAfterRows = long.MaxValue, CancellationTokenSource? cancellation = null)
    : IEvictableRowSource
{
    private readonly ArrayRowSource _inner = new(values, features);
    private readonly Lock _lock = new();
    private readonly List<(long First, long Count)> _evicted = [];
    private long _rowsRead;

    public long Rows => _inner.Rows;

    public int Features => _inner.Features;

    public string Name => _inner.Name;

    /// <summary>Rows read so far (a row read twice counts twice).</summary>
    public long RowsRead => Interlocked.Read(ref _rowsRead);

    /// <summary>The ranges evicted so far, sorted by first row.</summary>
    public IReadOnlyList<(long First, long Count)> Evicted
    {
        get
        {
            lock (_lock)
            {
                return [.. _evicted.OrderBy(e => e.First)];
            }
        }
    }

    public void Read(long firstRow, int rowCount, Span<double> destination)
    {
        if (Interlocked.Add(ref _rowsRead, rowCount) > cancelAfterRows)
        {
            cancellation?.Cancel();
        }

        _inner.Read(firstRow, rowCount, destination);
    }

    public void Read(long firstRow, int rowCount, Span<float> destination)
    {
        Interlocked.Add(ref _rowsRead, rowCount);
        _inner.Read(firstRow, rowCount, destination);
    }

    public void Evict(long firstRow, long rowCount)
    {
        lock (_lock)
        {
            _evicted.Add((firstRow, rowCount));
        }
    }
}
