using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Tests.Support;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Data;
using AiMass.Seed.Jobs;
using Xunit;

namespace AiMass.Coordinator.Tests.Constraints;

/// <summary>
/// --labels: a labelled row's posterior is clamped to its component (mixtures) or state (HMMs). Fully labelled
/// data make EM's first M-step the supervised estimate; partial labels change the fit; -1 rows stay free.
/// </summary>
public sealed class PartialLabelTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("npy")]
    [InlineData("txt")]
    public void Fully_labelled_mixture_data_give_the_supervised_estimate_in_one_step(string format)
    {
        var (data, labels) = Blobs(300, seed: 4);
        var spec = MixtureSpec(data, WriteLabels(labels, format)) with { MaxIter = 1 };

        var fitted = (GaussianMixtureParameters)Fit(spec, "reference").Parameters;

        var rows = ReadRows(data, 2);
        for (var k = 0; k < 3; k++)
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == k).ToArray();
            Assert.Equal((double)members.Length / labels.Length, fitted.Weights[k], 12);
            for (var j = 0; j < 2; j++)
            {
                Assert.Equal(members.Average(i => rows[(i * 2) + j]), fitted.Means[(k * 2) + j], 10);
            }
        }
    }

    [Fact]
    public void Partial_labels_clamp_their_rows_and_the_cpu_device_agrees_with_the_reference_bit_for_bit()
    {
        var (data, labels) = Blobs(300, seed: 5);
        var partial = labels.Select((l, i) => i % 3 == 0 ? l : -1).ToArray();
        var labelled = MixtureSpec(data, WriteLabels(partial, "npy")) with { MaxIter = 8 };

        var reference = Fit(labelled, "reference");
        var cpu = Fit(labelled, "cpu");
        var free = Fit(labelled with { Labels = null }, "reference");

        Assert.Equal(reference.History.Select(r => r.LowerBound), cpu.History.Select(r => r.LowerBound));
        Assert.Equal(
            ((GaussianMixtureParameters)reference.Parameters).Means.ToArray(),
            ((GaussianMixtureParameters)cpu.Parameters).Means.ToArray());
        Assert.NotEqual(reference.History[^1].LowerBound, free.History[^1].LowerBound);
    }

    [Fact]
    public void A_label_beyond_the_components_is_refused_naming_the_row()
    {
        var (data, labels) = Blobs(60, seed: 6);
        labels[17] = 3;

        var run = CliRun.Of(
            "fit", "gmm", "--data", data, "--k", "3", "--labels", WriteLabels(labels, "txt"), "--device", "reference",
            "--output", _dir.File("m.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("row 17: label 3 is not -1 (unknown) or a class 0..2", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fully_labelled_sequences_give_the_empirical_transition_frequencies_in_one_step()
    {
        var truth = HmmParameters.CreateGaussian(
            CovarianceType.Diag, [0.6, 0.4], [0.9, 0.1, 0.2, 0.8], [0, 0, 3, 3], [1, 1, 1, 1], 2);
        var sample = HmmSampler.Sample(truth, [50, 70, 40], seed: 2);
        var data = _dir.File("seq.npy");
        using (var writer = NpyWriter.Create(data, NpyDataType.Float64, sample.Lengths.Sum(), 2))
        {
            writer.WriteRows(sample.Observations);
            writer.Complete();
        }

        var lengths = _dir.Text("lengths.txt", string.Join('\n', sample.Lengths) + "\n");
        var spec = new FitSpec
        {
            Model = "hmm", Data = data, Lengths = lengths, Components = 2, MaxIter = 1, Tol = 0,
            Labels = WriteLabels(sample.States, "npy"),
        };

        var fitted = (HmmParameters)Fit(spec, "cpu").Parameters;

        var counts = new double[4];
        var first = 0;
        foreach (var length in sample.Lengths)
        {
            for (var t = first + 1; t < first + length; t++)
            {
                counts[(sample.States[t - 1] * 2) + sample.States[t]]++;
            }

            first += length;
        }

        for (var r = 0; r < 2; r++)
        {
            var total = counts[r * 2] + counts[(r * 2) + 1];
            Assert.Equal(counts[r * 2] / total, fitted.Transitions[r * 2], 12);
        }
    }

    private FitResult Fit(FitSpec spec, string device)
    {
        using var backend = EStepBackends.Create(device);
        return LocalFit.Run(spec, backend, new SilentObserver(), CancellationToken.None);
    }

    private static FitSpec MixtureSpec(string data, string labels) => new()
    {
        Data = data, Components = 3, CovarianceType = "full", Labels = labels, Tol = 0, Seed = 1,
    };

    private (string Path, int[] Labels) Blobs(int n, int seed)
    {
        var random = new Random(seed);
        double[][] centres = [[0, 0], [5, 1], [-2, 6]];
        var labels = new int[n];
        var values = new double[n * 2];
        for (var i = 0; i < n; i++)
        {
            labels[i] = random.Next(3);
            values[i * 2] = centres[labels[i]][0] + Normal(random);
            values[(i * 2) + 1] = centres[labels[i]][1] + Normal(random);
        }

        var path = _dir.File($"blobs{seed}.npy");
        using var writer = NpyWriter.Create(path, NpyDataType.Float64, n, 2);
        writer.WriteRows(values);
        writer.Complete();
        return (path, labels);
    }

    private string WriteLabels(int[] labels, string format)
    {
        var path = _dir.File($"labels{Guid.NewGuid():N}.{format}");
        if (format == "txt")
        {
            File.WriteAllText(path, string.Join('\n', labels) + "\n");
            return path;
        }

        using var writer = NpyWriter.CreateVector(path, NpyDataType.Int64, labels.Length);
        writer.WriteRows(labels.Select(l => (long)l).ToArray());
        writer.Complete();
        return path;
    }

    private static double[] ReadRows(string path, int features)
    {
        using var source = new NpyRowSource(path);
        var values = new double[source.Rows * features];
        source.Read(0, (int)source.Rows, values);
        return values;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
