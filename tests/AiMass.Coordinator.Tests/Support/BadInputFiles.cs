using System.Text;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Kernels.Synthetic;
using AiMass.Seed.Data;

namespace AiMass.Coordinator.Tests.Support;

/// <summary>
/// One file per kind of bad input (and the good ones they are compared with), written into a folder: 200 × 3
/// float64 rows unless the name says otherwise.
/// </summary>
public static class BadInputFiles
{
    /// <summary>Rows of the .npy files.</summary>
    public const int Rows = 200;

    /// <summary>Writes every file into <paramref name="folder"/>.</summary>
    public static void WriteAll(string folder)
    {
        var rows = Normal(Rows, 3, seed: 7);
        Npy(Path.Combine(folder, "good.npy"), rows, 3);
        Npy(Path.Combine(folder, "d4.npy"), Normal(50, 4, seed: 8), 4);
        using (var file = new FileStream(Path.Combine(folder, "trunc.npy"), FileMode.Create))
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, "good.npy"));
            file.Write(bytes, 0, bytes.Length - 100);
        }

        ComplexNpy(Path.Combine(folder, "complex.npy"));
        var withNaN = (double[])rows.Clone();
        withNaN[(150 * 3) + 2] = double.NaN;
        Npy(Path.Combine(folder, "nan.npy"), withNaN, 3);
        var constant = (double[])rows.Clone();
        for (var r = 0; r < Rows; r++)
        {
            constant[(r * 3) + 1] = 7.0;
        }

        Npy(Path.Combine(folder, "constant.npy"), constant, 3);
        var same = Enumerable.Repeat(new[] { 1.0, 2.0, 3.0 }, Rows).SelectMany(r => r).ToArray();
        Npy(Path.Combine(folder, "same.npy"), same, 3);
        File.WriteAllText(Path.Combine(folder, "text.csv"), "a,b,c\n1,2,3\n4,five,6\n");
        File.WriteAllText(Path.Combine(folder, "nan.csv"), "1,2,3\n4,nan,6\n");
        File.WriteAllText(Path.Combine(folder, "inf.csv"), "1,2,3\n4,5,inf\n");
        File.WriteAllText(Path.Combine(folder, "ragged.csv"), "1,2,3\n4,5\n");
        File.WriteAllText(Path.Combine(folder, "malformed.json"), "{\"kind\": \"gmm\", \"n_components\": 2,");
        File.WriteAllText(
            Path.Combine(folder, "m3.json"),
            ModelFile.SerializeParameters(SyntheticMixtures.Random(2, 3, CovarianceType.Full, seed: 9)));
    }

    private static double[] Normal(int rows, int features, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows * features)
            .Select(_ => random.NextDouble() + random.NextDouble() - 1)
            .ToArray();
    }

    private static void Npy(string path, double[] values, int features)
    {
        using var writer = NpyWriter.Create(path, NpyDataType.Float64, values.Length / features, features);
        writer.WriteRows(values);
        writer.Complete();
    }

    /// <summary>A complex128 array (numpy's '&lt;c16'), which AiMass does not read: header by hand, zeros
    /// after.</summary>
    private static void ComplexNpy(string path)
    {
        var header = $"{{'descr': '<c16', 'fortran_order': False, 'shape': ({Rows}, 3), }}";
        header = header.PadRight(64 - 10 - 1) + "\n";
        using var file = new FileStream(path, FileMode.Create);
        file.Write([0x93, .. "NUMPY"u8, 1, 0, (byte)header.Length, 0]);
        file.Write(Encoding.Latin1.GetBytes(header));
        file.Write(new byte[Rows * 3 * 16]);
    }
}
