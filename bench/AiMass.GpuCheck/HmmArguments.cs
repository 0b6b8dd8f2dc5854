using System.Globalization;

namespace AiMass.GpuCheck;

/// <summary>Options of the HMM timing mode, with defaults for the benchmark (diag S=16 D=8,
/// 10⁴ sequences of 1,000 steps).</summary>
internal sealed record HmmArguments(
    string Device, int Sequences, int Length, int Features, int States, string Covariance, int Iterations)
{
    public static HmmArguments Parse(IEnumerable<string> args)
    {
        var values = Arguments.Pairs(args);
        string Get(string name, string fallback) => values.TryGetValue(name, out var v) ? v : fallback;
        int Int(string name, string fallback) => int.Parse(Get(name, fallback), CultureInfo.InvariantCulture);
        return new HmmArguments(
            Get("device", "cuda"), Int("sequences", "10000"), Int("length", "1000"), Int("d", "8"),
            Int("states", "16"), Get("covariance", "diag"), Int("iterations", "5"));
    }
}
