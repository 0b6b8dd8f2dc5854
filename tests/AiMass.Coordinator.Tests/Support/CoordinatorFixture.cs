using AiMass.Coordinator.Nodes;
using AiMass.Kernels.EStep;

namespace AiMass.Coordinator.Tests.Support;

/// <summary>
/// A seed, a coordinator serving the HTTP API on a free loopback port, and one worker (reference E-step) in this
/// process, plus a small dataset; shared by the client command tests.
/// </summary>
public sealed class CoordinatorFixture : IAsyncLifetime
{
    private EmbeddedCluster? _cluster;

    /// <summary>A folder for data and outputs.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("aimass-client-").FullName;

    /// <summary>3000 rows × 4 features from 3 Gaussian components (seed 5).</summary>
    public string Data => Path.Combine(Folder, "x.npy");

    /// <summary>The coordinator's API, as <c>--coordinator</c> takes it.</summary>
    public string Coordinator => _cluster!.ApiAddress!.AbsoluteUri.TrimEnd('/');

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var gen = CliRun.Of(["gen", "gmm", "--rows", "3000", "--features", "4", "--components", "3", "--seed", "5",
            "--output", Data]);
        Assert.True(gen.ExitCode == 0, gen.ToString());
        _cluster = await EmbeddedCluster.StartAsync(
            1, () => new ReferenceBackend(),
            s => s with { ApiUrl = "http://127.0.0.1:0", AkkaLogLevel = "None", LogLevel = "Warning" },
            withApi: true);
    }

    /// <summary>Runs <c>aimass ARGS --coordinator URL</c> in this process.</summary>
    public CliRun Run(params string[] args) => CliRun.Of([.. args, "--coordinator", Coordinator]);

    /// <summary>Like <see cref="Run"/>, with Ctrl-C after <paramref name="after"/>.</summary>
    public CliRun RunCancelledAfter(TimeSpan after, params string[] args) =>
        CliRun.Of([.. args, "--coordinator", Coordinator], after);

    /// <summary>A path in the fixture's folder.</summary>
    public string File(string name) => Path.Combine(Folder, name);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp folders.
        }
    }
}
