namespace AiMass.Coordinator.Cli;

/// <summary>
/// Left-aligned text columns with a header row, like <c>docker ps</c>: easy to read, and to cut with awk.
/// The last column is not padded.
/// </summary>
public sealed class TextColumns(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row (as many cells as headers).</summary>
    public void Add(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException(
                $"A row has {cells.Length} cells; the table has {headers.Length} columns.", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>Writes the header and the rows, columns separated by at least two spaces.</summary>
    public void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        foreach (var row in _rows.Prepend(headers))
        {
            var cells = row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
