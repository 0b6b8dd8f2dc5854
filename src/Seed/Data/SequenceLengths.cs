using System.Globalization;
using System.Text;
using AiMass.Kernels;
using AiMass.Kernels.Input;

namespace AiMass.Seed.Data;

/// <summary>
/// The lengths of the sequences of a sequence dataset (hmmlearn's <c>lengths</c>): consecutive runs of rows,
/// in order, that add up to the number of rows. Read from text (one integer per line, blank lines ignored;
/// integral floats such as <c>1.000e+01</c> from <c>numpy.savetxt</c> are accepted) or from a 1-D <c>.npy</c>
/// array of integers or integral floats.
/// </summary>
public static class SequenceLengths
{
    private const string Role = "lengths file";

    /// <summary>
    /// Reads the lengths in <paramref name="path"/> and checks each is a positive integer and that they add up to
    /// <paramref name="expectedRows"/>, the rows of the data file named <paramref name="dataName"/>.
    /// </summary>
    /// <exception cref="InvalidInputException">A check fails; the message names the line (or element) and
    /// value.</exception>
    public static int[] Read(string path, long expectedRows, string dataName = "the data")
    {
        DataFile.EnsureReadableFile(path, Role);
        var isNpy = Path.GetExtension(path).Equals(".npy", StringComparison.OrdinalIgnoreCase);
        using var stream = DataFile.OpenRead(path, Role);
        return Check(isNpy ? ReadNpy(stream, path) : ReadText(stream, path), path, expectedRows, dataName);
    }

    /// <summary>
    /// As <see cref="Read(string,long,string)"/> for a path or URI (<c>s3://</c> objects are fetched whole: a lengths
    /// file holds one integer per sequence, far less than the data).
    /// </summary>
    public static int[] Read(string location, long expectedRows, string dataName, Storage.DataAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        var parsed = Storage.DataLocation.Parse(location, Role);
        if (!parsed.IsS3)
        {
            return Read(parsed.Path!, expectedRows, dataName);
        }

        var store = access.StoreOf(parsed);
        var item = store.Find(parsed, Role) ?? throw new Storage.DataAccessException(
            Storage.DataFault.Missing, parsed.ToString(), $"{Role} {parsed} does not exist; check the key");
        if (item.Length > Array.MaxLength)
        {
            throw new InvalidInputException($"{Role} {item.Name} is larger than 2 GiB; it is not a lengths file");
        }

        var bytes = new byte[item.Length];
        store.Read(item, 0, bytes, Role);
        using var stream = new MemoryStream(bytes, writable: false);
        var lengths = parsed.Extension == ".npy" ? ReadNpy(stream, item.Name) : ReadText(stream, item.Name);
        return Check(lengths, item.Name, expectedRows, dataName);
    }

    private static int[] Check(int[] lengths, string path, long expectedRows, string dataName)
    {
        if (lengths.Length == 0)
        {
            throw new InvalidInputException(
                $"{path} holds no sequence lengths; it needs one positive integer per line");
        }

        var sum = lengths.Sum(l => (long)l);
        if (sum != expectedRows)
        {
            throw new InvalidInputException(
                $"the lengths in {path} add up to {sum} but {dataName} has {expectedRows} rows; "
                + "they must add up to the number of rows");
        }

        return lengths;
    }

    private static int[] ReadText(Stream stream, string path)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, true, 4096, leaveOpen: true);
        var lengths = new List<int>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !IsLength(value))
            {
                throw new InvalidInputException(
                    $"{path} line {lineNumber}: {Excerpt.Of(text)} is not a positive integer; "
                    + "each line holds the length (number of rows) of one sequence");
            }

            lengths.Add((int)value);
        }

        return [.. lengths];
    }

    private static int[] ReadNpy(Stream stream, string path)
    {
        var header = NpyHeaderReader.Read(stream, path);
        if (header.Features != 1)
        {
            throw new InvalidInputException(
                $"{path} has shape {header.ShapeText}; "
                + "sequence lengths need a 1-D array, one length per sequence");
        }

        if (header.DataBytes > Array.MaxLength)
        {
            throw new InvalidInputException($"{path} holds {header.Rows} lengths, more than AiMass can hold");
        }

        var bytes = new byte[header.DataBytes];
        stream.Position = header.DataOffset;
        stream.ReadExactly(bytes);
        var source = new Parts.NpyBytesRowSource(bytes, header.DataType, header.Rows, 1, path);
        // float64 holds every int32 exactly, so reading as double loses nothing for valid lengths.
        var values = new double[source.Rows];
        source.Read(0, values.Length, values);
        var lengths = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (!IsLength(values[i]))
            {
                throw new InvalidInputException(
                    $"{path} element {i}: {values[i].ToString(CultureInfo.InvariantCulture)} is not a positive "
                    + "integer; each element is the length (number of rows) of one sequence");
            }

            lengths[i] = (int)values[i];
        }

        return lengths;
    }

    private static bool IsLength(double value) => value >= 1 && value <= int.MaxValue && Math.Floor(value) == value;
}
