using System.Text;
using System.Text.Json;
using AiMass.Kernels.Data;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Init;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Kernels.Synthetic;

namespace AiMass.Bench;

/// <summary>
/// Synthetic HMM data and a starting model for the benchmarks (fixed seeds): sequences drawn from
/// <see cref="SyntheticHmms"/>' random model, the start from <see cref="HmmInitializer"/> (k-means means, uniform
/// transitions), as <c>aimass fit hmm</c> would begin.
/// </summary>
public static class HmmBenchData
{
    /// <summary>
    /// <paramref name="sequences"/> × <paramref name="length"/> steps and the initial model; categorical emissions
    /// use <paramref name="features"/> symbols.
    /// </summary>
    public static (DataPartition Partition, HmmParameters Initial) Create(
        HmmEmission emission, int sequences, int length, int states, int features)
    {
        var truth = emission == HmmEmission.Categorical
            ? SyntheticHmms.Categorical(states, features, seed: 1)
            : SyntheticHmms.Gaussian(states, features, emission.CovarianceType(), seed: 1);
        var sample = HmmSampler.Sample(truth, sequences, length, seed: 2);
        var rows = new ArrayRowSource(sample.Observations, sample.Features, "synthetic");
        var partition = new DataPartition(0, rows, SequenceLengths: sample.Lengths);
        var draw = RowSample.Draw(rows, null, RowSample.DefaultMaxRows, seed: 3);
        var initial = emission == HmmEmission.Categorical
            ? HmmInitializer.CreateCategorical(draw, states, features, seed: 4, initIndex: 0)
            : HmmInitializer.CreateGaussian(draw, states, emission.CovarianceType(), 1e-6, seed: 4, initIndex: 0);
        return (partition, initial);
    }

    /// <summary>
    /// Writes <c>x.npy</c> (float64 <c>[N × F]</c>), <c>lengths.txt</c> and <c>init.json</c> into
    /// <paramref name="directory"/>, the inputs of <c>bench/reference/pomegranate_hmm.py</c>.
    /// </summary>
    public static void Save(string directory, DataPartition partition, HmmParameters initial)
    {
        ArgumentNullException.ThrowIfNull(partition);
        Directory.CreateDirectory(directory);
        var rows = partition.Rows;
        var values = new double[rows.Rows * rows.Features];
        rows.Read(0, (int)rows.Rows, values);
        WriteNpy(Path.Combine(directory, "x.npy"), values, rows.Rows, rows.Features);
        File.WriteAllLines(Path.Combine(directory, "lengths.txt"), partition.SequenceLengths!.Select(l => $"{l}"));
        using var stream = File.Create(Path.Combine(directory, "init.json"));
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartObject();
        HmmModelFile.WriteParameters(writer, initial);
        writer.WriteEndObject();
    }

    /// <summary>A version 1.0 .npy file of little-endian float64 in C order.</summary>
    private static void WriteNpy(string path, double[] values, long rows, int columns)
    {
        var header = $"{{'descr': '<f8', 'fortran_order': False, 'shape': ({rows}, {columns}), }}";
        var padded = header.PadRight(((10 + header.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        using var stream = File.Create(path);
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)padded.Length));
        stream.Write(Encoding.ASCII.GetBytes(padded));
        foreach (var v in values)
        {
            stream.Write(BitConverter.GetBytes(v));
        }
    }
}
