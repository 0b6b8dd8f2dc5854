using System.Globalization;

namespace AiMass.DataBench;

/// <summary><c>--name value</c> pairs.</summary>
internal static class Options
{
    public static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        return options;
    }

    public static long Get(Dictionary<string, string> options, string name, long fallback) =>
        options.TryGetValue(name, out var text) ? long.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
