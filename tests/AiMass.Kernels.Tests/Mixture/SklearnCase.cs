using System.Text.Json;
using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Kernels.Tests.Support;

namespace AiMass.Kernels.Tests.Mixture;

/// <summary>
/// One scikit-learn fixture of tests/fixtures/gmm (made by make_gmm_fixtures.py): the data, the initial model,
/// scikit-learn's expected.json, and fits of it with any E-step and precision.
/// </summary>
internal sealed class SklearnCase : IDisposable
{
    /// <summary>float32's ε over four float64 ε: how much more a float32 rounding moves a fit than the 4·ε
    /// perturbation the fixture's init_roundoff_sensitivity measures.</summary>
    private const double Float32OverSensitivity = (1.0 / (1 << 23)) / (4 * 2.220446049250313e-16);

    private SklearnCase(string name)
    {
        Name = name;
        var dir = TestData.Fixture("gmm", name);
        Expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")));
        Fixture = Expected.RootElement.GetProperty("fixture");
        var (x, _, d) = TestData.ReadNpy(Path.Combine(dir, "X.npy"));
        var weightsPath = Path.Combine(dir, "weights.npy");
        IRowSource? weights = File.Exists(weightsPath)
            ? new ArrayRowSource(TestData.ReadNpy(weightsPath).Values, 1)
            : null;
        Partition = new DataPartition(0, new ArrayRowSource(x, d), weights);
        Initial = ModelFile.Load(Path.Combine(dir, "init.json"));
    }

    /// <summary>The case's name (its folder).</summary>
    public string Name { get; }

    /// <summary>scikit-learn's result.</summary>
    public JsonDocument Expected { get; }

    /// <summary>expected.json's "fixture" object.</summary>
    public JsonElement Fixture { get; }

    /// <summary>The data (and sample weights).</summary>
    public DataPartition Partition { get; }

    /// <summary>The initial model both scikit-learn and AiMass start from.</summary>
    public ModelParameters Initial { get; }

    /// <summary>The case's tol.</summary>
    public double Tolerance => Fixture.GetProperty("tol").GetDouble();

    /// <summary>Every case in cases.json.</summary>
    public static IEnumerable<string> Names()
    {
        using var cases = JsonDocument.Parse(File.ReadAllText(TestData.Fixture("gmm", "cases.json")));
        return cases.RootElement.EnumerateArray().Select(c => c.GetProperty("case").GetString()!).ToArray();
    }

    /// <summary>Loads case <paramref name="name"/>.</summary>
    public static SklearnCase Load(string name) => new(name);

    /// <summary>
    /// Fits the case with <paramref name="eStep"/> (null: the float64 reference E-step) at
    /// <paramref name="precision"/>, asking each E-step for the precision the fit names; returns the result and
    /// the number of E-steps (auto redoes one iteration when it switches).
    /// </summary>
    public (FitResult Result, int EStepCount) Fit(IPartitionEStep? eStep, FitPrecision precision)
    {
        var settings = new EmSettings(
            Fixture.GetProperty("max_iter").GetInt32(), Tolerance, precision);
        var model = new GaussianMixtureMStep(Fixture.GetProperty("reg_covar").GetDouble());
        var fit = new EmFit(model, _ => Initial, 1, settings);
        var steps = 0;
        while (fit.Phase != EmPhase.Done)
        {
            fit.Submit(eStep is null
                ? ReferenceGaussianMixtureEStep.Compute(
                    Partition, (GaussianMixtureParameters)fit.ParametersToEvaluate, CancellationToken.None)
                : eStep.Compute(fit.ParametersToEvaluate, fit.PrecisionToEvaluate, CancellationToken.None));
            steps++;
        }

        return (fit.Result, steps);
    }

    /// <summary>
    /// How far a fit with float32 E-steps in it may be from the float64 fit of this case: this fit's own
    /// amplification of a rounding (init_roundoff_sensitivity: the largest relative change of weights, means,
    /// covariances or lower bound that a 4·ε perturbation of the initial model caused) times float32's ε,
    /// times 8; at least <paramref name="floor"/>.
    /// </summary>
    public double Float32Tolerance(double floor)
    {
        var s = Fixture.GetProperty("init_roundoff_sensitivity");
        var root = Expected.RootElement;
        var means = root.GetProperty("means").EnumerateArray().SelectMany(r => r.EnumerateArray())
            .Max(v => Math.Abs(v.GetDouble()));
        var amplification = new[]
        {
            s.GetProperty("weights").GetDouble(), s.GetProperty("covariances").GetDouble(),
            s.GetProperty("means_abs").GetDouble() / means,
            s.GetProperty("lower_bound_abs").GetDouble() / Math.Abs(root.GetProperty("lower_bound").GetDouble()),
        }.Max();
        return Math.Max(floor, 8 * amplification * Float32OverSensitivity);
    }

    /// <inheritdoc />
    public void Dispose() => Expected.Dispose();
}
