using AiMass.Kernels.Data;
using AiMass.Seed.Data;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// Opens HMM observations for score and decode: the rows (checked finite) cut into sequences by an optional lengths
/// file (none: one sequence, as hmmlearn).
/// </summary>
public static class HmmDataset
{
    /// <summary>Calls <paramref name="use"/> with the whole dataset as one partition, then closes it.</summary>
    public static T Use<T>(string data, string? lengths, Func<DataPartition, T> use)
    {
        ArgumentNullException.ThrowIfNull(use);
        var source = DatasetReader.Open(data);
        try
        {
            FiniteCheck.EnsureFinite(source);
            var cuts = lengths is null
                ? null
                : SequenceLengths.Read(lengths, source.Rows, source.Name, Seed.Data.Storage.DataAccess.Default);
            return use(new DataPartition(0, source, SequenceLengths: cuts));
        }
        finally
        {
            (source as IDisposable)?.Dispose();
        }
    }
}
