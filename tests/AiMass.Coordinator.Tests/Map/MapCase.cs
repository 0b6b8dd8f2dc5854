using System.Text.Json;
using AiMass.Kernels.Em;
using AiMass.Kernels.Models;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Tests.Map;

/// <summary>One case of tests/fixtures/map (numpy MAP-EM, see make_map_fixtures.py and map_reference.py).</summary>
public sealed class MapCase
{
    private MapCase(JsonElement entry)
    {
        Name = entry.GetProperty("case").GetString()!;
        Model = entry.GetProperty("model").GetString()!;
        Prior = entry.GetProperty("prior").GetString()!;
        Tau = entry.GetProperty("tau").ValueKind == JsonValueKind.Null ? 0 : entry.GetProperty("tau").GetDouble();
        Iterations = entry.GetProperty("n_iter").GetInt32();
        RegCovar = entry.GetProperty("reg_covar").GetDouble();
        using var expected = JsonDocument.Parse(File.ReadAllText(PathOf("expected.json")));
        var e = expected.RootElement;
        Expected = ModelFile.Parse(e.GetProperty("model").GetRawText(), $"{Name}/expected.json");
        LowerBounds = e.GetProperty("lower_bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
    }

    /// <summary>tests/fixtures/map.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Every case name, from cases.json.</summary>
    public static IEnumerable<object[]> Names => All().Select(c => new object[] { c.Name });

    public string Name { get; }

    public string Model { get; }

    public string Prior { get; }

    public double Tau { get; }

    public int Iterations { get; }

    public double RegCovar { get; }

    public ModelParameters Expected { get; }

    public double[] LowerBounds { get; }

    public static MapCase Load(string name) => All().Single(c => c.Name == name);

    public string PathOf(string file) => Path.Combine(Root, Name, file);

    /// <summary>The fit the case describes: its init, its prior, n_iter iterations with tol 0.</summary>
    public FitSpec Spec() => new()
    {
        Model = Model,
        Data = PathOf("X.npy"),
        Lengths = Model == "hmm" ? PathOf("lengths.txt") : null,
        Emission = Expected is Kernels.Hmm.HmmParameters { Emission: Kernels.Hmm.HmmEmission.Categorical }
            ? "categorical"
            : "gaussian",
        InitModel = File.ReadAllText(PathOf("init.json")),
        InitModelName = "init.json",
        Prior = Prior == "weak" ? "weak" : null,
        PriorModel = Prior == "model" ? File.ReadAllText(PathOf("prior.json")) : null,
        PriorModelName = Prior == "model" ? "prior.json" : null,
        PriorStrength = Tau,
        MaxIter = Iterations,
        Tol = 0,
        RegCovar = RegCovar,
    };

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "map");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/map not found above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<MapCase> All()
    {
        using var cases = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "cases.json")));
        return cases.RootElement.EnumerateArray().Select(e => new MapCase(e)).ToArray();
    }
}
