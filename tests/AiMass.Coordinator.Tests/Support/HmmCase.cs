using System.Globalization;
using System.Text.Json;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Models;
using AiMass.Seed.Data;

namespace AiMass.Coordinator.Tests.Support;

/// <summary>One case of tests/fixtures/hmm (numpy log-space Baum-Welch, see make_hmm_fixtures.py).</summary>
public sealed class HmmCase
{
    private HmmCase(string name)
    {
        Name = name;
        Folder = System.IO.Path.Combine(Root, name);
        using var expected = JsonDocument.Parse(File.ReadAllText(PathOf("expected.json")));
        var e = expected.RootElement;
        Iterations = e.GetProperty("n_iter").GetInt32();
        RegCovar = e.GetProperty("reg_covar").GetDouble();
        Priors = e.GetProperty("priors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var model = e.GetProperty("model");
        ExpectedModelJson = model.GetRawText();
        Expected = (HmmParameters)ModelFile.Parse(ExpectedModelJson, $"{name}/expected.json");
        LogLikelihood = model.GetProperty("log_likelihood").GetDouble();
        Viterbi = Integers(e.GetProperty("viterbi"));
        Posterior = Integers(e.GetProperty("posterior"));
        SequenceScores = e.GetProperty("sequence_scores").EnumerateArray().Select(v => v.GetDouble()).ToArray();
    }

    /// <summary>tests/fixtures/hmm, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public string Name { get; }

    public string Folder { get; }

    public string Data => PathOf("X.npy");

    public string Lengths => PathOf("lengths.txt");

    public string Init => PathOf("init.json");

    public int Iterations { get; }

    public double RegCovar { get; }

    /// <summary>hmmlearn prior names → values (startprob_prior, …, covars_weight).</summary>
    public IReadOnlyDictionary<string, double> Priors { get; }

    public string ExpectedModelJson { get; }

    public HmmParameters Expected { get; }

    public double LogLikelihood { get; }

    public int[] Viterbi { get; }

    public int[] Posterior { get; }

    public double[] SequenceScores { get; }

    public static HmmCase Load(string name) => new(name);

    public string PathOf(string file) => System.IO.Path.Combine(Folder, file);

    /// <summary>The prior options of this case, as <c>--startprob-prior 2 …</c>.</summary>
    public IEnumerable<string> PriorArguments() => Priors.SelectMany(p =>
        new[] { "--" + p.Key.Replace('_', '-'), p.Value.ToString("R", CultureInfo.InvariantCulture) });

    /// <summary>Reads a 1-D or one-column .npy of integers (as written by decode).</summary>
    public static int[] ReadIntegers(string path)
    {
        using var source = new NpyRowSource(path);
        var values = new double[source.Rows];
        source.Read(0, values.Length, values);
        return values.Select(v => (int)v).ToArray();
    }

    private static int[] Integers(JsonElement array) => array.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "fixtures", "hmm");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/hmm not found above " + AppContext.BaseDirectory);
    }
}
