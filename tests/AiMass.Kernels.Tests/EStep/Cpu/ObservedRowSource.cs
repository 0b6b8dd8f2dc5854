using System.Collections.Concurrent;
using AiMass.Kernels.Data;

namespace AiMass.Kernels.Tests.EStep.Cpu;

/// <summary>A row source that records which threads read it and can cancel a token once a row is reached.</summary>
internal sealed class ObservedRowSource(IRowSource inner, long cancelAtRow, CancellationTokenSource? cancellation)
    : IRowSource
{
    private readonly ConcurrentDictionary<string, bool> _threads = new();
    private long _rowsAfterCancel;
    private volatile bool _cancelled;

    public long Rows => inner.Rows;

    public int Features => inner.Features;

    public string Name => inner.Name;

    public IReadOnlyCollection<string> ThreadNames => _threads.Keys.ToArray();

    public bool ReadOnThreadPool { get; private set; }

    public long RowsReadAfterCancel => Interlocked.Read(ref _rowsAfterCancel);

    public void Read(long firstRow, int rowCount, Span<double> destination)
    {
        Observe(firstRow, rowCount);
        inner.Read(firstRow, rowCount, destination);
    }

    public void Read(long firstRow, int rowCount, Span<float> destination)
    {
        Observe(firstRow, rowCount);
        inner.Read(firstRow, rowCount, destination);
    }

    private void Observe(long firstRow, int rowCount)
    {
        _threads[Thread.CurrentThread.Name ?? "<unnamed>"] = true;
        ReadOnThreadPool |= Thread.CurrentThread.IsThreadPoolThread;
        if (_cancelled)
        {
            Interlocked.Add(ref _rowsAfterCancel, rowCount);
        }
        else if (firstRow >= cancelAtRow && cancellation is not null)
        {
            _cancelled = true;
            cancellation.Cancel();
        }
    }
}
