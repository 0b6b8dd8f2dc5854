using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Tests.Support;
using AiMass.Kernels.Data;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Models;
using AiMass.Seed.Jobs;
using Xunit;

namespace AiMass.Coordinator.Tests.Constraints;

/// <summary>
/// hmmlearn's constraints: --topology left-right (structural zeros stay exactly 0.0 through Baum-Welch; Viterbi and
/// posterior decoding never take a zero transition), --params (what is left out keeps its initial value exactly)
/// and --init-params (what is left out comes from --init).
/// </summary>
public sealed class HmmConstraintTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("cpu")]
    [InlineData("reference")]
    public void A_left_right_fit_keeps_every_structural_zero_and_decoding_never_uses_one(string device)
    {
        var fixture = HmmCase.Load("structural_zero");
        var spec = new FitSpec
        {
            Model = "hmm", Data = fixture.Data, Lengths = fixture.Lengths, Components = 4, CovarianceType = "diag",
            Topology = "left-right", MaxIter = 30, Tol = 0, Seed = 5,
        };

        using var backend = EStepBackends.Create(device);
        var result = LocalFit.Run(spec, backend, new SilentObserver(), CancellationToken.None);
        var fitted = (HmmParameters)result.Parameters;

        var (start, transitions) = HmmTopology.LeftRight(4);
        for (var i = 0; i < 16; i++)
        {
            Assert.True(transitions[i] != 0 || fitted.Transitions[i] == 0.0, $"transmat[{i / 4}, {i % 4}]");
        }

        Assert.Equal([1.0, 0, 0, 0], fitted.StartProbabilities.ToArray());
        using var layout = DatasetLayout.Open(spec, 1);
        var partition = layout.Partition(0);
        AssertAllowed(fitted, Viterbi.Decode(partition, fitted).States, partition);
        AssertAllowed(fitted, PosteriorDecoder.Decode(partition, fitted).States, partition);
    }

    [Theory]
    [InlineData("gaussian_diag", "tm")]
    [InlineData("gaussian_full", "sc")]
    [InlineData("categorical", "se")]
    public void Parameters_left_out_of_params_keep_their_initial_values_exactly(string name, string letters)
    {
        var fixture = HmmCase.Load(name);
        var initial = (HmmParameters)ModelFile.Load(fixture.Init);
        var spec = new FitSpec
        {
            Model = "hmm", Data = fixture.Data, Lengths = fixture.Lengths, InitModel = File.ReadAllText(fixture.Init),
            InitModelName = fixture.Init,
            Emission = initial.Emission == HmmEmission.Categorical ? "categorical" : "gaussian",
            Params = letters, MaxIter = 10, Tol = 0,
        };

        using var backend = EStepBackends.Create("cpu");
        var result = LocalFit.Run(spec, backend, new SilentObserver(), CancellationToken.None);
        var fitted = (HmmParameters)result.Parameters;

        foreach (var letter in HmmParamLetters.All(initial.Emission == HmmEmission.Categorical))
        {
            var (before, after) = Part(letter, initial, fitted);
            if (letters.Contains(letter, StringComparison.Ordinal))
            {
                Assert.NotEqual(before, after);
            }
            else
            {
                Assert.Equal(before, after);
            }
        }
    }

    [Fact]
    public void Init_params_take_the_named_parameters_from_the_data_and_the_rest_from_the_init_model()
    {
        var fixture = HmmCase.Load("gaussian_diag");
        var initial = (HmmParameters)ModelFile.Load(fixture.Init);
        var spec = new FitSpec
        {
            Model = "hmm", Data = fixture.Data, Lengths = fixture.Lengths, InitModel = File.ReadAllText(fixture.Init),
            InitModelName = fixture.Init, InitParams = "m", Seed = 3,
        };

        using var layout = DatasetLayout.Open(spec, 1);
        var first = (HmmParameters)FitPlanner.Create(spec, layout.Data, null).Initial(0);

        Assert.Equal(initial.StartProbabilities.ToArray(), first.StartProbabilities.ToArray());
        Assert.Equal(initial.Transitions.ToArray(), first.Transitions.ToArray());
        Assert.Equal(initial.Covariances.ToArray(), first.Covariances.ToArray());
        Assert.NotEqual(initial.Means.ToArray(), first.Means.ToArray());
    }

    [Fact]
    public void Init_params_that_leave_a_parameter_without_a_value_are_refused_naming_it()
    {
        var fixture = HmmCase.Load("gaussian_diag");

        var run = CliRun.Of(
            "fit", "hmm", "--data", fixture.Data, "--lengths", fixture.Lengths, "--states", "3", "--init-params", "mc",
            "--output", _dir.File("m.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("leaves 'st' without an initial value", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_letter_the_emission_does_not_have_is_refused()
    {
        var fixture = HmmCase.Load("categorical");

        var run = CliRun.Of(
            "fit", "hmm", "--data", fixture.Data, "--lengths", fixture.Lengths, "--init", fixture.Init,
            "--params", "stm", "--output", _dir.File("m.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'m' is not a parameter of a categorical HMM", run.Error, StringComparison.Ordinal);
    }

    private static (double[] Before, double[] After) Part(char letter, HmmParameters a, HmmParameters b) =>
        letter switch
    {
        's' => ([.. a.StartProbabilities], [.. b.StartProbabilities]),
        't' => ([.. a.Transitions], [.. b.Transitions]),
        'm' => ([.. a.Means], [.. b.Means]),
        'c' => ([.. a.Covariances], [.. b.Covariances]),
        _ => ([.. a.EmissionProbabilities], [.. b.EmissionProbabilities]),
    };

    private static void AssertAllowed(HmmParameters model, int[] states, DataPartition partition)
    {
        var first = 0;
        foreach (var length in partition.SequenceLengths!)
        {
            Assert.True(model.StartProbabilities[states[first]] > 0, $"start state {states[first]}");
            for (var t = first + 1; t < first + length; t++)
            {
                Assert.True(
                    model.Transitions[(states[t - 1] * model.States) + states[t]] > 0,
                    $"row {t}: {states[t - 1]} → {states[t]} is a structural zero");
            }

            first += length;
        }
    }
}
