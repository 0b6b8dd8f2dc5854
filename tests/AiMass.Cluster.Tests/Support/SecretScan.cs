using System.Text;

namespace AiMass.Cluster.Tests.Support;

/// <summary>
/// Looks for planted secrets in outputs: the whole secret, or any run of <see cref="Run"/> of its characters (a
/// cut or split secret), in text or in a file's bytes (a database file, a log).
/// </summary>
public sealed class SecretScan(IReadOnlyDictionary<string, string> secrets)
{
    /// <summary>Characters of a secret that count as showing it.</summary>
    public const int Run = 10;

    private readonly List<string> _findings = [];

    /// <summary>Outputs scanned so far.</summary>
    public int Scanned { get; private set; }

    /// <summary>Scans <paramref name="text"/>, named <paramref name="where"/> in findings.</summary>
    public void Text(string where, string text) => Bytes(where, Encoding.UTF8.GetBytes(text));

    /// <summary>Scans the bytes of <paramref name="path"/> when it exists.</summary>
    public void File(string path)
    {
        if (System.IO.File.Exists(path))
        {
            Bytes(path, System.IO.File.ReadAllBytes(path));
        }
    }

    /// <summary>Scans <paramref name="bytes"/>.</summary>
    public void Bytes(string where, byte[] bytes)
    {
        Scanned++;
        foreach (var (name, secret) in secrets)
        {
            for (var start = 0; start + Run <= secret.Length; start++)
            {
                var run = Encoding.UTF8.GetBytes(secret.Substring(start, Run));
                var at = bytes.AsSpan().IndexOf(run);
                if (at >= 0)
                {
                    _findings.Add($"{name} (characters {start}..{start + Run}) in {where} at byte {at}: " +
                        Context(bytes, at));
                    break;
                }
            }
        }
    }

    /// <summary>Fails with every finding.</summary>
    public void AssertNothingFound() =>
        Assert.True(_findings.Count == 0, $"secrets found:\n{string.Join('\n', _findings)}");

    private static string Context(byte[] bytes, int at)
    {
        var from = Math.Max(0, at - 60);
        return Encoding.UTF8.GetString(bytes, from, Math.Min(bytes.Length - from, 160)).ReplaceLineEndings(" ");
    }
}
