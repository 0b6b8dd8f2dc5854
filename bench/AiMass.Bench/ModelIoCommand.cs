using System.Globalization;
using AiMass.Kernels.Em;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;

namespace AiMass.Bench;

/// <summary>
/// <c>modelio [--components 256 --features 128 --repeats 5 --dir /tmp]</c>: writes and reads back a full-covariance
/// model file of that size (<see cref="ModelFile.Save"/>, <see cref="ModelFile.Load"/>, which includes the
/// precision factors), and prints the file size and the minimum and median times.
/// </summary>
public static class ModelIoCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var options = EStepCommand.Parse(args);
        int k = EStepCommand.Get(options, "components", 256), d = EStepCommand.Get(options, "features", 128);
        var repeats = EStepCommand.Get(options, "repeats", 5);
        var path = Path.Combine(options.GetValueOrDefault("dir", Path.GetTempPath()), $"modelio-{k}-{d}.json");
        var result = new FitResult(Parameters(k, d), true, 1, -1.5, [], -1.5e6, 1e6, 1_000_000, 0, [-1.5]);
        var cpu = MStepCommand.Cpu();
        var save = MStepCommand.Times(repeats, () => ModelFile.Save(path, result));
        var saveCpu = (MStepCommand.Cpu() - cpu) / (repeats + 1);
        var size = new FileInfo(path).Length;
        cpu = MStepCommand.Cpu();
        var load = MStepCommand.Times(repeats, () => ModelFile.Load(path));
        var loadCpu = (MStepCommand.Cpu() - cpu) / (repeats + 1);
        var sidecars = Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + ".*");
        var total = sidecars.Sum(f => new FileInfo(f).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"K={k} D={d} full model file: {size / 1e6:F1} MB JSON, {total / 1e6:F1} MB with its sidecar; save min " +
            $"{save.Min():F0} ms median {MStepCommand.Median(save):F0} ms; load min {load.Min():F0} ms median " +
            $"{MStepCommand.Median(load):F0} ms; process CPU per save {saveCpu:F0} ms, per load {loadCpu:F0} ms"));
        foreach (var file in sidecars)
        {
            File.Delete(file);
        }

        return 0;
    }

    private static GaussianMixtureParameters Parameters(int k, int d)
    {
        var random = new Random(5);
        var means = Enumerable.Range(0, k * d).Select(_ => random.NextDouble() * 10).ToArray();
        var covariances = new double[k * d * d];
        for (var c = 0; c < k; c++)
        {
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    var value = i == j ? 1 + random.NextDouble() : (random.NextDouble() - 0.5) / d;
                    covariances[(c * d * d) + (i * d) + j] = covariances[(c * d * d) + (j * d) + i] = value;
                }
            }
        }

        return GaussianMixtureParameters.Create(
            CovarianceType.Full, Enumerable.Repeat(1.0 / k, k).ToArray(), means, covariances, d);
    }
}
