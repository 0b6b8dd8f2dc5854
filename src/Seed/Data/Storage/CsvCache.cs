using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using AiMass.Kernels;

namespace AiMass.Seed.Data.Storage;

/// <summary>
/// CSV files parsed once per process (once per cache folder across processes) into a binary float64 <c>.npy</c>
/// file that every partition then maps and reads by range: no partition parses the CSV again. The converted file is
/// keyed by the CSV's location and version (size and modification time, or ETag), so an edited CSV is converted
/// anew. It lives in the cache folder when one is set (kept across runs), else in a temporary folder of this process
/// (deleted at exit). CSV files larger than <see cref="DataAccessSettings.CsvMaxBytes"/> are refused with a message
/// that recommends <c>.npy</c> or Parquet.
/// </summary>
public sealed class CsvCache
{
    private const int HeaderBytes = 128;
    private readonly ConcurrentDictionary<string, Lazy<string>> _converted = new();
    private readonly DataAccessSettings _settings;
    private readonly RangeCache? _cache;
    private readonly Lazy<string> _folder;

    /// <summary>A CSV cache for <paramref name="settings"/>.</summary>
    public CsvCache(DataAccessSettings settings, RangeCache? cache)
    {
        _settings = settings;
        _cache = cache;
        _folder = new Lazy<string>(CreateFolder);
    }

    /// <summary>Conversions done by this process so far (each CSV version once).</summary>
    public int Conversions => _conversions;

    private int _conversions;

    /// <summary>The local path of the converted <c>.npy</c> of <paramref name="item"/>, converting it on first use.
    /// </summary>
    /// <exception cref="InvalidInputException">Too large, or content the CSV reader rejects.</exception>
    public string Convert(IObjectStore store, StoredObject item, string role)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(item);
        if (item.Length > _settings.CsvMaxBytes)
        {
            throw new InvalidInputException(
                $"{role} {item.Name} is a {item.Length >> 20} MiB CSV file, more than the {_settings.CsvMaxBytes >> 20}"
                + " MiB AiMass converts (AIMASS_CSV_MAX_MB); convert it once to .npy (numpy.save) or Parquet, "
                + "which are read by range");
        }

        var key = System.Convert.ToHexStringLower(
            SHA256.HashData(Encoding.UTF8.GetBytes($"{item.Name}\n{item.Version}")));
        var lazy = _converted.GetOrAdd(key, k => new Lazy<string>(() => ConvertNow(store, item, role, k)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _converted.TryRemove(key, out _);
            throw;
        }
    }

    private string ConvertNow(IObjectStore store, StoredObject item, string role, string key)
    {
        var target = Path.Combine(_folder.Value, key + ".npy");
        if (File.Exists(target))
        {
            return target;
        }

        var temporary = $"{target}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var input = Open(store, item, role))
            using (var reader = new StreamReader(input, Encoding.UTF8, true, 1 << 16))
            using (var output = new FileStream(
                       temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new BinaryWriter(output))
            {
                output.Position = HeaderBytes;
                var (rows, features) = CsvLoader.Convert(reader, item.Name, writer);
                writer.Flush();
                WriteHeader(output, rows, features);
            }

            File.Move(temporary, target, overwrite: true);
            Interlocked.Increment(ref _conversions);
            return target;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private Stream Open(IObjectStore store, StoredObject item, string role) =>
        item.Location.IsS3
            ? new BufferedStream(new ObjectStream(store, item, role, null), 1 << 20)
            : DataFile.OpenRead(item.Location.Path!, role, 1 << 16);

    private static void WriteHeader(FileStream output, long rows, int features)
    {
        var header = NpyHeader.Encode(NpyDataType.Float64, rows, features, oneDimensional: false);
        if (header.Length != HeaderBytes)
        {
            throw new InvalidInputException(
                $"a CSV file of {features} columns is too wide to convert; convert it to .npy or Parquet");
        }

        output.Position = 0;
        output.Write(header);
    }

    private string CreateFolder()
    {
        if (_cache is not null)
        {
            return Directory.CreateDirectory(Path.Combine(_cache.Folder, "csv")).FullName;
        }

        var folder = Directory.CreateTempSubdirectory("aimass-csv-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the folder is in the temporary area.
            }
        };
        return folder;
    }
}
