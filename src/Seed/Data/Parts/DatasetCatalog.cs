using System.Security.Cryptography;
using System.Text;
using AiMass.Kernels;
using AiMass.Kernels.Input;
using AiMass.Seed.Data.Storage;

namespace AiMass.Seed.Data.Parts;

/// <summary>
/// A dataset as planning finds it: one file or object, or a folder or prefix of part files (<c>*.npy</c> or
/// <c>*.parquet</c>, in lexical order, one logical dataset as Spark reads input splits). Only headers and footers
/// are read here; every part's schema is checked against the first's, and a part that differs (other columns,
/// element type or width) is an error naming it. The <see cref="Fingerprint"/> (locations, sizes and ETags) lets a
/// worker check that it sees the dataset the job was planned with.
/// </summary>
public sealed class DatasetCatalog
{
    private DatasetCatalog(string name, string role, IReadOnlyList<DatasetPart> parts, IObjectStore store)
    {
        (Name, Role, Parts, Store) = (name, role, parts, store);
        Rows = parts[^1].EndRow;
        Features = parts[0].Features;
        Fingerprint = FingerprintOf(parts);
    }

    /// <summary>The dataset's location as given, canonical (for messages).</summary>
    public string Name { get; }

    /// <summary>What the dataset is to the job ("data file", "weights file").</summary>
    public string Role { get; }

    /// <summary>The parts in row order.</summary>
    public IReadOnlyList<DatasetPart> Parts { get; }

    /// <summary>The store that holds the parts.</summary>
    public IObjectStore Store { get; }

    /// <summary>Rows in all parts.</summary>
    public long Rows { get; }

    /// <summary>Values per row.</summary>
    public int Features { get; }

    /// <summary>A short hash of the parts' locations, sizes and (S3) ETags.</summary>
    public string Fingerprint { get; }

    /// <summary>
    /// Finds and describes the dataset at <paramref name="text"/> (a path, <c>file://</c> or <c>s3://</c> URI).
    /// With <paramref name="anyTextIsCsv"/> (weights), a file of another extension is read as CSV text. With
    /// <paramref name="roots"/>, every local file must lie inside them.
    /// </summary>
    /// <exception cref="InvalidInputException">Missing, unreadable, an unsupported format, or parts that
    /// differ.</exception>
    public static DatasetCatalog Open(
        string text, string role, DataAccess access, bool anyTextIsCsv = false, DataRoots? roots = null)
    {
        ArgumentNullException.ThrowIfNull(access);
        var location = DataLocation.Parse(text, role);
        var store = access.StoreOf(location);
        var single = store.Find(location, role);
        var objects = single is not null ? [single] : PartsUnder(store, location, role);
        var parts = new List<DatasetPart>(objects.Count);
        foreach (var item in objects)
        {
            if (roots is not null && !item.Location.IsS3)
            {
                // Before anything is read: each local file, parts of a folder too, must lie inside the roots.
                InputFiles.Check(item.Location.Path!, role, roots);
            }

            var format = single is null ? FormatOf(item.Location) : FormatOf(item.Location, role, anyTextIsCsv);
            var firstRow = parts.Count == 0 ? 0 : parts[^1].EndRow;
            var part = PartDescriber.Describe(access, store, item, format, firstRow, role);
            if (parts.Count > 0)
            {
                CheckSameSchema(parts[0], part, location.ToString());
            }

            parts.Add(part);
        }

        return new DatasetCatalog(location.ToString(), role, parts, store);
    }

    private static IReadOnlyList<StoredObject> PartsUnder(IObjectStore store, DataLocation location, string role)
    {
        var all = store.List(location, role);
        var parts = all.Where(o => o.Location.Extension is ".npy" or ".parquet").ToList();
        if (parts.Count == 0)
        {
            throw new InvalidInputException(
                $"{role} {location} is a folder or prefix with no .npy or .parquet part files ({all.Count} other "
                + "files); give a file, or a folder of part-*.npy or part-*.parquet files");
        }

        var first = parts[0].Location.Extension;
        if (parts.FirstOrDefault(p => p.Location.Extension != first) is { } other)
        {
            throw new InvalidInputException(
                $"{role} {location} mixes formats: {parts[0].Name} is {first} but {other.Name} is "
                + $"{other.Location.Extension}; keep one format per dataset");
        }

        return parts;
    }

    /// <summary>The format of a part found under a folder or prefix (only .npy and .parquet are listed).</summary>
    private static PartFormat FormatOf(DataLocation location) =>
        location.Extension == ".npy" ? PartFormat.Npy : PartFormat.Parquet;

    /// <summary>The format of a file named directly, or the user's error for one AiMass cannot read.</summary>
    private static PartFormat FormatOf(DataLocation location, string role, bool anyTextIsCsv)
    {
        var extension = location.Extension;
        return extension switch
        {
            ".npy" => PartFormat.Npy,
            ".parquet" => PartFormat.Parquet,
            ".csv" => PartFormat.Csv,
            _ when anyTextIsCsv && extension != ".npz" => PartFormat.Csv,
            ".npz" => throw new InvalidInputException(
                $"{role} '{location}' is a .npz archive; AiMass reads one array per file: "
                + "save it with numpy.save(path, x)"),
            "" => throw new InvalidInputException(
                $"{role} '{location}' has no extension; AiMass reads .npy, .csv and .parquet files; "
                + "rename it with the extension of its format"),
            _ => throw new InvalidInputException(
                $"{role} '{location}' has the extension '{extension}'; AiMass reads .npy, .csv and .parquet files; "
                + "convert it to one of these"),
        };
    }

    private static void CheckSameSchema(DatasetPart first, DatasetPart part, string dataset)
    {
        if (part.Features != first.Features || part.Schema != first.Schema)
        {
            throw new InvalidInputException(
                $"part {part.Name} of {dataset} has {part.Features} columns ({part.Schema}) but the first part "
                + $"{first.Name} has {first.Features} ({first.Schema}); every part needs the same columns and "
                + "types: rewrite or remove that part");
        }
    }

    private static string FingerprintOf(IReadOnlyList<DatasetPart> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            // A local file's modification time may differ between machines that hold copies; its size may not.
            var version = part.Object.Location.IsS3 ? part.Object.Version : "";
            text.Append(part.Name).Append('\n').Append(part.Object.Length).Append('\n').Append(version).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
