namespace AiMass.Cluster.Tests.Support;

/// <summary>Paths in the repository the tests run from: the deploy script and the built <c>aimass</c> tool.</summary>
public static class Repository
{
    /// <summary>The repository root (the folder with AiMass.sln above the test assembly).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>deploy/local-cluster.sh.</summary>
    public static string Script => Path.Combine(Root, "deploy", "local-cluster.sh");

    /// <summary>deploy/make-certs.sh.</summary>
    public static string MakeCerts => Path.Combine(Root, "deploy", "make-certs.sh");

    /// <summary>
    /// The aimass.dll built with this test assembly (same configuration: the test project references the tool, so
    /// building the tests builds it).
    /// </summary>
    public static string Aimass()
    {
        // The test assembly lives in tests/AiMass.Cluster.Tests/bin/<Configuration>/<framework>/.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        var dll = Path.Combine(Root, "src", "Coordinator", "bin", configuration, framework.Name, "aimass.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException(
                $"The aimass tool is not built at {dll}; build the tests (or the tool) first.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiMass.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No AiMass.sln above {AppContext.BaseDirectory}.");
    }
}
