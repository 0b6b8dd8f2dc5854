namespace AiMass.Seed.Data;

/// <summary>
/// Splits one CSV line into cells without allocating: comma separated, a cell may be enclosed in double quotes
/// (a quoted cell may contain commas; <c>""</c> inside stays as it is). Multi-line quoted cells are not supported.
/// </summary>
internal ref struct CsvCells
{
    private ReadOnlySpan<char> _rest;
    private bool _done;

    /// <summary>Cells of <paramref name="line"/>; an empty line has one empty cell.</summary>
    public CsvCells(ReadOnlySpan<char> line)
    {
        _rest = line;
        _done = false;
    }

    /// <summary>Number of cells in <paramref name="line"/>.</summary>
    public static int Count(ReadOnlySpan<char> line)
    {
        var cells = new CsvCells(line);
        var count = 0;
        while (cells.TryNext(out _))
        {
            count++;
        }

        return count;
    }

    /// <summary>The next cell, trimmed of white space and of enclosing quotes.</summary>
    public bool TryNext(out ReadOnlySpan<char> cell)
    {
        if (_done)
        {
            cell = default;
            return false;
        }

        var end = FindSeparator(_rest);
        if (end < 0)
        {
            cell = Clean(_rest);
            _done = true;
        }
        else
        {
            cell = Clean(_rest[..end]);
            _rest = _rest[(end + 1)..];
        }

        return true;
    }

    private static int FindSeparator(ReadOnlySpan<char> text)
    {
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (text[i] == ',' && !quoted)
            {
                return i;
            }
        }

        return -1;
    }

    private static ReadOnlySpan<char> Clean(ReadOnlySpan<char> cell)
    {
        cell = cell.Trim();
        if (cell.Length >= 2 && cell[0] == '"' && cell[^1] == '"')
        {
            cell = cell[1..^1].Trim();
        }

        return cell;
    }
}
