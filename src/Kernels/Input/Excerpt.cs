using System.Globalization;
using System.Text;

namespace AiMass.Kernels.Input;

/// <summary>
/// The one way an error message quotes data it read (a cell, a line, a JSON value, a column name) or a library's
/// message about it: at most <see cref="MaxChars"/> characters, with control and invisible characters escaped, and
/// the length of what was cut. A value that holds a registered secret (<see cref="SecretValues"/>) is not quoted
/// at all. Messages never quote a whole line or file: a bad cell may be a line of someone's private file.
/// </summary>
public static class Excerpt
{
    /// <summary>Characters of a value that a message quotes at most.</summary>
    public const int MaxChars = 40;

    /// <summary>Characters of a library's message that a message passes on at most.</summary>
    public const int MaxMessageChars = 200;

    /// <summary>What a message says instead of a value that holds a secret of this process's settings.</summary>
    public const string Withheld = "[a value withheld: it holds a secret of this node's settings]";

    /// <summary>
    /// <paramref name="value"/> quoted for a message: <c>'abc'</c>, or <c>'first 40 characters…' (1234
    /// characters)</c> when longer than <paramref name="maxChars"/>. Escapes (<c>\n \r \t \0 \' \\</c>,
    /// <c>\uXXXX</c> for other invisible characters) keep it on one line and unambiguous.
    /// </summary>
    public static string Of(ReadOnlySpan<char> value, int maxChars = MaxChars) => Render(value, maxChars, true);

    /// <summary>
    /// A library's message (a parser's exception) made safe to pass on: one line, invisible characters escaped,
    /// at most <paramref name="maxChars"/> characters, withheld when it holds a secret.
    /// </summary>
    public static string OfMessage(string? message, int maxChars = MaxMessageChars) =>
        string.IsNullOrEmpty(message) ? "" : Render(message, maxChars, false);

    private static string Render(ReadOnlySpan<char> value, int maxChars, bool quoted)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 1);
        if (SecretValues.Overlaps(value))
        {
            return Withheld;
        }

        var cut = value.Length > maxChars;
        var shown = cut ? value[..maxChars] : value;
        if (cut && char.IsHighSurrogate(shown[^1]))
        {
            shown = shown[..^1];
        }

        var text = new StringBuilder(shown.Length + 24);
        text.Append(quoted ? "'" : "");
        for (var i = 0; i < shown.Length; i++)
        {
            var c = shown[i];
            if (char.IsHighSurrogate(c) && i + 1 < shown.Length && char.IsLowSurrogate(shown[i + 1]))
            {
                text.Append(c).Append(shown[++i]);
            }
            else
            {
                Append(text, c, quoted);
            }
        }

        text.Append(cut ? "…" : "").Append(quoted ? "'" : "");
        return cut
            ? text.Append(CultureInfo.InvariantCulture, $" ({value.Length} characters)").ToString()
            : text.ToString();
    }

    private static void Append(StringBuilder text, char c, bool quoted)
    {
        var escape = c switch
        {
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\0' => "\\0",
            '\\' when quoted => "\\\\",
            '\'' when quoted => "\\'",
            _ => null,
        };
        if (escape is not null)
        {
            text.Append(escape);
        }
        else if (IsInvisible(c))
        {
            text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }
        else
        {
            text.Append(c);
        }
    }

    /// <summary>Control, format (bidi overrides, zero-width), separator, private-use, unassigned and lone
    /// surrogate characters.</summary>
    private static bool IsInvisible(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control
        or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate;
}
