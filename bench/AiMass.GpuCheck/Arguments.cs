namespace AiMass.GpuCheck;

/// <summary>Options of the timing mode: <c>--name value</c> pairs with defaults for the benchmark.</summary>
internal sealed record Arguments(
    string Device, long Rows, int Features, int Components, string Covariance, int Iterations)
{
    public static Arguments Parse(IEnumerable<string> args)
    {
        var values = Pairs(args);
        string Get(string name, string fallback) => values.TryGetValue(name, out var v) ? v : fallback;
        return new Arguments(
            Get("device", "cuda"), long.Parse(Get("n", "10000000"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("d", "32"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("k", "64"), System.Globalization.CultureInfo.InvariantCulture), Get("covariance", "full"),
            int.Parse(Get("iterations", "5"), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The <c>--name value</c> pairs of <paramref name="args"/>, by name (without the dashes).</summary>
    public static Dictionary<string, string> Pairs(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || !e.MoveNext())
            {
                throw new ArgumentException($"Expected '--name value', got '{name}'.");
            }

            values[name[2..]] = e.Current;
        }

        return values;
    }
}
