using System.Collections.Concurrent;

namespace AiMass.Seed.Data.Storage;

/// <summary>
/// A node's way to the data: the stores (local files; S3 built on first use), the download cache and the CSV
/// cache, shared by every job and partition of the process. One instance per distinct
/// <see cref="DataAccessSettings"/> (<see cref="For"/>), so the S3 client's connections and the cache budget are
/// shared.
/// </summary>
public sealed class DataAccess : IDisposable
{
    private static readonly ConcurrentDictionary<DataAccessSettings, DataAccess> Instances = new();
    private readonly Lazy<S3ObjectStore> _s3;

    /// <summary>Access with <paramref name="settings"/> (prefer <see cref="For"/>, which shares instances).</summary>
    public DataAccess(DataAccessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _s3 = new Lazy<S3ObjectStore>(() => new S3ObjectStore(settings));
        Cache = settings.CacheDirectory is { } folder ? new RangeCache(folder, settings.CacheMegabytes << 20) : null;
        Csv = new CsvCache(settings, Cache);
        LoadSlots = new SemaphoreSlim(Math.Max(1, settings.ConcurrentLoads));
    }

    /// <summary>The process's access as the environment configures it (no flags).</summary>
    public static DataAccess Default => For(DataAccessSettings.FromEnvironment());

    /// <summary>The settings.</summary>
    public DataAccessSettings Settings { get; }

    /// <summary>The download cache, or null when no cache folder is set.</summary>
    public RangeCache? Cache { get; }

    /// <summary>CSV files converted once per process into a binary cache.</summary>
    public CsvCache Csv { get; }

    /// <summary>Turns of partitions reading their rows (<see cref="DataAccessSettings.ConcurrentLoads"/>).</summary>
    public SemaphoreSlim LoadSlots { get; }

    /// <summary>The S3 store (for its request counters), built on first use.</summary>
    public S3ObjectStore S3 => _s3.Value;

    /// <summary>The shared instance for <paramref name="settings"/>.</summary>
    public static DataAccess For(DataAccessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Instances.GetOrAdd(settings, s => new DataAccess(s));
    }

    /// <summary>The store that holds <paramref name="location"/>.</summary>
    public IObjectStore StoreOf(DataLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.IsS3 ? _s3.Value : LocalObjectStore.Instance;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_s3.IsValueCreated)
        {
            _s3.Value.Dispose();
        }

        LoadSlots.Dispose();
    }
}
