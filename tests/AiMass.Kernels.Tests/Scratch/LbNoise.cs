using System.Text.Json;
using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Kernels.Tests.Support;
using Xunit.Abstractions;

namespace AiMass.Kernels.Tests.Scratch;

public sealed class LbNoise(ITestOutputHelper output)
{
    private void Measure(string name, DataPartition partition, ModelParameters initial, IEmModel model, int iters)
    {
        using var cpu = EStepBackends.Create("cpu");
        using var e = cpu.Bind(partition);
        var run = new EmRun(model, initial, new EmSettings(iters, 0));
        double maxL = 0, maxD = 0, prev32 = double.NaN, prev64 = double.NaN, lb = 0;
        while (!run.IsFinished)
        {
            var p = run.Parameters;
            var t64 = e.Compute(p, EStepPrecision.Double, CancellationToken.None);
            var t32 = e.Compute(p, EStepPrecision.Single, CancellationToken.None);
            var l64 = t64.LogLikelihood / t64.Weight;
            var l32 = t32.LogLikelihood / t32.Weight;
            var u = Math.Pow(2, -23) * Math.Max(1, Math.Abs(l64));
            maxL = Math.Max(maxL, Math.Abs(l32 - l64) / u);
            if (!double.IsNaN(prev32)) maxD = Math.Max(maxD, Math.Abs((l32 - prev32) - (l64 - prev64)) / u);
            prev32 = l32; prev64 = l64; lb = l64;
            run.Advance(t64);
        }
        output.WriteLine($"{name,-26} L={lb,12:G6} maxL/u={maxL,8:F4} maxD/u={maxD,8:F4} (u = eps32*max(1,|L|))");
    }

    [Fact]
    public void Fixtures()
    {
        using var cases = JsonDocument.Parse(File.ReadAllText(TestData.Fixture("gmm", "cases.json")));
        foreach (var c in cases.RootElement.EnumerateArray())
        {
            var name = c.GetProperty("case").GetString()!;
            if (name.Contains("5iter") || name.Contains("1e8")) continue;
            var dir = TestData.Fixture("gmm", name);
            var (x, _, d) = TestData.ReadNpy(Path.Combine(dir, "X.npy"));
            var weightsPath = Path.Combine(dir, "weights.npy");
            IRowSource? weights = File.Exists(weightsPath) ? new ArrayRowSource(TestData.ReadNpy(weightsPath).Values, 1) : null;
            Measure(name, new DataPartition(0, new ArrayRowSource(x, d), weights), ModelFile.Load(Path.Combine(dir, "init.json")),
                new GaussianMixtureMStep(c.GetProperty("reg_covar").GetDouble()), 60);
        }
    }

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Diag)]
    [InlineData(CovarianceType.Tied)]
    [InlineData(CovarianceType.Spherical)]
    public void Blobs(CovarianceType type)
    {
        var n = 100_000;
        var random = new Random(1);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var centres = Enumerable.Range(0, 256).Select(_ => 3 * Normal()).ToArray();
        var rows = new double[n * 16];
        for (var t = 0; t < n; t++) { var c = random.Next(16); for (var j = 0; j < 16; j++) rows[t * 16 + j] = centres[c * 16 + j] + Normal(); }
        var initial = AiMass.Kernels.Synthetic.SyntheticMixtures.Random(16, 16, type, seed: 2);
        Measure($"blobs {type}", new DataPartition(0, new ArrayRowSource(rows, 16)), initial, new GaussianMixtureMStep(), 15);
    }
}
