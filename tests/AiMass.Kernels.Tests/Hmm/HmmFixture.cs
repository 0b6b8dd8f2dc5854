using System.Text.Json;
using AiMass.Kernels.Data;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Tests.Support;

namespace AiMass.Kernels.Tests.Hmm;

/// <summary>One case of tests/fixtures/hmm, written by make_hmm_fixtures.py.</summary>
internal sealed class HmmFixture
{
    private HmmFixture(string name)
    {
        Name = name;
        var folder = Path.Combine(Root, name);
        var (values, columns) = NpyReader.Read(Path.Combine(folder, "X.npy"));
        Rows = new ArrayRowSource(values, columns, $"{name}/X.npy");
        Lengths = File.ReadAllLines(Path.Combine(folder, "lengths.txt"))
            .Where(l => l.Length > 0).Select(int.Parse).ToArray();
        using var init = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "init.json")));
        Initial = ReadModel(init.RootElement);
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")));
        var e = expected.RootElement;
        Iterations = e.GetProperty("n_iter").GetInt32();
        RegCovar = e.GetProperty("reg_covar").GetDouble();
        var p = e.GetProperty("priors");
        Priors = new HmmPriors(
            p.GetProperty("startprob_prior").GetDouble(), p.GetProperty("transmat_prior").GetDouble(),
            p.GetProperty("emissionprob_prior").GetDouble(), p.GetProperty("means_prior").GetDouble(),
            p.GetProperty("means_weight").GetDouble(), p.GetProperty("covars_prior").GetDouble(),
            p.GetProperty("covars_weight").GetDouble());
        LowerBounds = Doubles(e.GetProperty("lower_bounds"));
        Final = ReadModel(e.GetProperty("model"));
        FinalLogLikelihood = e.GetProperty("model").GetProperty("log_likelihood").GetDouble();
        Viterbi = Doubles(e.GetProperty("viterbi")).Select(v => (int)v).ToArray();
        ViterbiLogProbabilities = Doubles(e.GetProperty("viterbi_log_probabilities"));
        Posterior = Doubles(e.GetProperty("posterior")).Select(v => (int)v).ToArray();
        SequenceScores = Doubles(e.GetProperty("sequence_scores"));
    }

    public static string[] Cases { get; } =
    [
        "gaussian_diag", "gaussian_full", "categorical", "categorical_m4_priors", "priors_full", "priors_diag",
        "structural_zero", "long_sequence",
    ];

    /// <summary>tests/fixtures/hmm, found by walking up from the test binaries.</summary>
    public static string Root { get; } = TestData.Fixture("hmm");

    public string Name { get; }

    public ArrayRowSource Rows { get; }

    public int[] Lengths { get; }

    public HmmParameters Initial { get; }

    public int Iterations { get; }

    public double RegCovar { get; }

    public HmmPriors Priors { get; }

    public double[] LowerBounds { get; }

    public HmmParameters Final { get; }

    public double FinalLogLikelihood { get; }

    public int[] Viterbi { get; }

    public double[] ViterbiLogProbabilities { get; }

    public int[] Posterior { get; }

    public double[] SequenceScores { get; }

    public DataPartition Partition => new(0, Rows, SequenceLengths: Lengths);

    public static HmmFixture Load(string name) => new(name);

    /// <summary>An HMM from the AiMass model-file JSON.</summary>
    public static HmmParameters ReadModel(JsonElement model)
    {
        var start = Doubles(model.GetProperty("startprob"));
        var transitions = Doubles(model.GetProperty("transmat"));
        if (model.GetProperty("emission").GetString() == "categorical")
        {
            return HmmParameters.CreateCategorical(
                start, transitions, Doubles(model.GetProperty("emissionprob")),
                model.GetProperty("n_features").GetInt32());
        }

        var type = CovarianceTypes.Parse(model.GetProperty("covariance_type").GetString()!);
        return HmmParameters.CreateGaussian(
            type, start, transitions, Doubles(model.GetProperty("means")),
            Doubles(model.GetProperty("covariances")), model.GetProperty("n_features").GetInt32());
    }

    /// <summary>A nested JSON array flattened in row-major order.</summary>
    public static double[] Doubles(JsonElement element)
    {
        var values = new List<double>();
        Flatten(element, values);
        return [.. values];
    }

    private static void Flatten(JsonElement element, List<double> values)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Flatten(item, values);
            }
        }
        else
        {
            values.Add(element.GetDouble());
        }
    }
}
