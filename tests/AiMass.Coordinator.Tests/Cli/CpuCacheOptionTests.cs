using System.Text.Json;
using AiMass.Coordinator.Tests.Support;

namespace AiMass.Coordinator.Tests.Cli;

/// <summary><c>--cpu-cache-mb</c>: the CPU device's resident copies change the speed, never the model.</summary>
public sealed class CpuCacheOptionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_fit_with_resident_copies_writes_the_model_a_streaming_fit_writes()
    {
        var data = _dir.File("x.npy");
        CliRun.Of("gen", "gmm", "--rows", "20000", "--features", "5", "--components", "3", "--seed", "3",
            "--output", data).Succeeded();
        string Fit(string name, params string[] cache)
        {
            var model = _dir.File(name);
            CliRun.Of([
                "fit", "gmm", "--data", data, "--k", "3", "--covariance", "full", "--partitions", "3",
                "--max-iter", "6", "--tol", "0", "--device", "cpu", .. cache, "--output", model]).Succeeded();
            using var file = JsonDocument.Parse(File.ReadAllText(model));
            var root = file.RootElement;
            return string.Join("\n", root.GetProperty("means").GetRawText(),
                root.GetProperty("covariances").GetRawText(), root.GetProperty("lower_bound").GetRawText());
        }

        var streamed = Fit("streamed.json", "--cpu-cache-mb", "0");
        Assert.Equal(streamed, Fit("resident.json"));
        Assert.Equal(streamed, Fit("small.json", "--cpu-cache-mb", "1")); // ~0.6 MiB a copy: one kept, two stream
    }

    [Fact]
    public void A_negative_cache_size_is_refused_with_the_remedy()
    {
        var run = CliRun.Of("fit", "gmm", "--data", _dir.File("none.npy"), "--k", "2", "--cpu-cache-mb", "-5");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            ["aimass: --cpu-cache-mb -5 is out of range; use 0 (no resident copies) or a positive size in MiB."],
            run.ErrorLines);
    }
}
