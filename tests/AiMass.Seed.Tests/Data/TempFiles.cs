using System.Text;

namespace AiMass.Seed.Tests.Data;

/// <summary>A fresh temporary directory per test class instance, deleted afterwards.</summary>
public sealed class TempFiles : IDisposable
{
    public TempFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "aimass-data-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>A path in the directory (the file is not created).</summary>
    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) and returns the path.</summary>
    public string Text(string name, string text)
    {
        var path = PathOf(name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Writes <paramref name="bytes"/> and returns the path.</summary>
    public string Bytes(string name, byte[] bytes)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The path of a committed numpy fixture (tests/fixtures/npy), copied next to the test assembly.</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "npy", name);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A mapped file still open on another thread; the OS temp cleaner will take it.
        }
    }
}
