namespace AiMass.Kernels.Input;

/// <summary>
/// The secret values of this process's settings (API token, TLS password, job-store password), registered when a
/// node loads them, so that no message can carry one: <see cref="Excerpt"/> withholds a value that overlaps a
/// secret, and <see cref="Redact"/> masks them in text that leaves the process (log lines, job errors, API
/// answers, the command line's errors). "Overlaps" means sharing a run of <see cref="Window"/> characters (the
/// whole secret when shorter), so a secret cut by an excerpt or split by a comma is caught too. Whole messages are
/// masked only for secrets of at least <see cref="Window"/> characters: a shorter one (a 5-letter password) would
/// mask common words in every message; data excerpts that hold one are still withheld.
/// Process-wide and append-only: one registry serves every node a process hosts.
/// </summary>
public static class SecretValues
{
    /// <summary>Secrets shorter than this are not registered: withholding every value that holds one would
    /// withhold most cells (and they protect nothing).</summary>
    public const int MinLength = 4;

    /// <summary>The run of a secret's characters that counts as showing it.</summary>
    public const int Window = 8;

    /// <summary>What <see cref="Redact"/> writes instead of a secret.</summary>
    public const string Mask = "***";

    private static readonly Lock Gate = new();
    private static string[] _secrets = [];
    private static string[] _maskable = [];

    /// <summary>Registers <paramref name="secret"/>, trimmed of white space (a password read from a file); null,
    /// blank and short values are ignored.</summary>
    public static void Register(string? secret)
    {
        var value = secret?.Trim();
        if (value is null || value.Length < MinLength)
        {
            return;
        }

        lock (Gate)
        {
            if (Array.IndexOf(_secrets, value) < 0)
            {
                _secrets = [.. _secrets, value];
                _maskable = value.Length >= Window ? [.. _maskable, value] : _maskable;
            }
        }
    }

    /// <summary>Whether <paramref name="text"/> shares a run of <see cref="Window"/> characters (or a whole
    /// shorter secret) with a registered secret.</summary>
    public static bool Overlaps(ReadOnlySpan<char> text)
    {
        foreach (var secret in Volatile.Read(ref _secrets))
        {
            var window = Math.Min(Window, secret.Length);
            for (var start = 0; start + window <= secret.Length; start++)
            {
                if (text.IndexOf(secret.AsSpan(start, window), StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><paramref name="text"/> with every run of <see cref="Window"/> characters it shares with a secret
    /// of at least that length replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var secrets = Volatile.Read(ref _maskable);
        if (secrets.Length == 0 || !Overlaps(text))
        {
            return text;
        }

        var masked = new bool[text.Length];
        foreach (var secret in secrets)
        {
            for (var start = 0; start + Window <= secret.Length; start++)
            {
                MarkAll(text, secret.AsSpan(start, Window), masked);
            }
        }

        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!masked[i])
            {
                result.Append(text[i]);
            }
            else if (i == 0 || !masked[i - 1])
            {
                result.Append(Mask);
            }
        }

        return result.ToString();
    }

    private static void MarkAll(string text, ReadOnlySpan<char> run, bool[] masked)
    {
        for (var from = 0; from <= text.Length - run.Length;)
        {
            var at = text.AsSpan(from).IndexOf(run, StringComparison.Ordinal);
            if (at < 0)
            {
                return;
            }

            Array.Fill(masked, true, from + at, run.Length);
            from += at + 1;
        }
    }
}
