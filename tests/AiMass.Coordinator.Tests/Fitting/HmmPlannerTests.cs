using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Tests.Support;
using AiMass.Kernels;
using AiMass.Kernels.Candidates;
using AiMass.Kernels.Data;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Init;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Kernels.Synthetic;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Tests.Fitting;

/// <summary>The <c>hmm</c> model of <see cref="FitPlanner"/>: initialisation, priors, init-model checks.</summary>
public sealed class HmmPlannerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly HmmCase _diag = HmmCase.Load("gaussian_diag");
    private readonly HmmCase _categorical = HmmCase.Load("categorical");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Initialisation_i_is_made_from_the_seed_and_i_as_for_the_mixtures()
    {
        using var layout = DatasetLayout.Open(Spec(_diag), 1);
        var spec = Spec(_diag) with { Components = 3, NInit = 3, Seed = 17, CovarianceType = "full" };

        var plan = FitPlanner.Create(spec, layout.Data, null);

        // The initialisations run together in one pass: one candidate whose runs are initialisations 0..2.
        var runs = Assert.Single(Assert.IsType<CandidateSetModel>(plan.Model).Groups);
        var sample = RowSample.Draw(layout.Data, null, RowSample.DefaultMaxRows, 17);
        for (var i = 0; i < 3; i++)
        {
            var expected = HmmInitializer.CreateGaussian(sample, 3, CovarianceType.Full, spec.RegCovar, 17, i);
            var actual = (HmmParameters)runs.Initial(i);
            Assert.Equal(0, Close.Models(expected, actual, 0, 0));
        }

        Assert.NotEqual(
            ((HmmParameters)runs.Initial(0)).Means.ToArray(), ((HmmParameters)runs.Initial(1)).Means.ToArray());
        Assert.Equal(3, runs.InitCount);
        Assert.Equal("hmm S=3 gaussian full, 3 init(s) by k-means++ (seed 17), all in one pass", plan.Summary);
    }

    [Fact]
    public void Gaussian_covariances_default_to_diag_and_categorical_symbols_come_from_the_data()
    {
        using var gaussian = DatasetLayout.Open(Spec(_diag), 1);
        using var symbols = DatasetLayout.Open(Spec(_categorical), 1);

        var diag = (HmmParameters)FitPlanner.Create(
            Spec(_diag) with { Components = 2 }, gaussian.Data, null).Initial(0);
        var categorical = (HmmParameters)FitPlanner.Create(
            Spec(_categorical) with { Components = 2, Emission = "categorical" }, symbols.Data, null).Initial(0);

        Assert.Equal(HmmEmission.GaussianDiag, diag.Emission);
        Assert.Equal(6, categorical.Symbols);
    }

    [Fact]
    public void Priors_are_handed_to_the_m_step_under_hmmlearn_names()
    {
        var prior = new HmmPriorSpec
        {
            StartProbPrior = 2, TransMatPrior = 3, EmissionProbPrior = 4, MeansPrior = 5, MeansWeight = 6,
            CovarsPrior = 7, CovarsWeight = 8,
        };
        using var layout = DatasetLayout.Open(Spec(_diag), 1);

        var plan = FitPlanner.Create(Spec(_diag) with { Components = 2, Priors = prior }, layout.Data, null);

        Assert.Equal(new HmmPriors(2, 3, 4, 5, 6, 7, 8), Assert.IsType<HmmMStep>(plan.Model).Priors);
    }

    [Theory]
    [InlineData("states", "--states 4 differs from the 3 states of init.json; drop --states or fix it.")]
    [InlineData("covariance", "--covariance full differs from init.json's diag covariances.")]
    [InlineData(
        "n_init",
        "--n-init 2 has no effect with --init (every run would start from the same model); drop one of them.")]
    [InlineData("gmm", "init.json is not an HMM; give a \"kind\": \"hmm\" file.")]
    public void An_init_model_that_contradicts_the_options_is_refused(string change, string message)
    {
        var spec = Spec(_diag) with { InitModel = File.ReadAllText(_diag.Init), InitModelName = "init.json" };
        spec = change switch
        {
            "states" => spec with { Components = 4 },
            "covariance" => spec with { CovarianceType = "full" },
            "n_init" => spec with { NInit = 2 },
            _ => spec with { InitModel = ModelFile.SerializeParameters(SyntheticMixture()) },
        };
        using var layout = DatasetLayout.Open(spec, 1);

        var error = Assert.Throws<InvalidInputException>(() => FitPlanner.Create(spec, layout.Data, null));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_gaussian_init_model_must_have_the_columns_of_the_data()
    {
        var init = ModelFile.SerializeParameters(SyntheticHmms.Gaussian(3, 2, CovarianceType.Diag, 1));
        var spec = Spec(_diag) with { InitModel = init, InitModelName = "two.json" };
        using var layout = DatasetLayout.Open(spec, 1);

        var error = Assert.Throws<InvalidInputException>(() => FitPlanner.Create(spec, layout.Data, null));

        Assert.Equal(
            $"two.json has 2 features but {_diag.Data} has 3 columns; " +
            "give a model fitted on data with the same columns.",
            error.Message);
    }

    [Fact]
    public void A_categorical_init_model_must_cover_every_symbol_of_the_data()
    {
        var init = ModelFile.SerializeParameters(SyntheticHmms.Categorical(3, 4, 1));
        var spec = Spec(_categorical) with { Emission = "categorical", InitModel = init, InitModelName = "m4.json" };
        using var layout = DatasetLayout.Open(spec, 1);

        var error = Assert.Throws<InvalidInputException>(() => FitPlanner.Create(spec, layout.Data, null));

        Assert.Equal(
            $"{_categorical.Data} holds symbol 5 but m4.json has M=4 symbols (0..3); " +
            "give a model with at least 6 symbols.",
            error.Message);
    }

    [Fact]
    public void Sample_weights_are_refused_for_hmms()
    {
        using var layout = DatasetLayout.Open(Spec(_diag), 1);

        var error = Assert.Throws<InvalidInputException>(
            () => FitPlanner.Create(Spec(_diag) with { Components = 2 }, layout.Data, layout.Data));

        Assert.Equal("HMMs take no sample weights; drop --sample-weight.", error.Message);
    }

    [Fact]
    public void A_cluster_job_without_partitions_gets_one_per_sequence_at_most_and_one_without_lengths()
    {
        var sequences = File.ReadAllLines(_diag.Lengths).Count(l => l.Trim().Length > 0);

        Assert.Equal(sequences, FitPlanner.DefaultPartitions(Spec(_diag), 1000));
        Assert.Equal(2, FitPlanner.DefaultPartitions(Spec(_diag), 2));
        Assert.Equal(1, FitPlanner.DefaultPartitions(Spec(_diag) with { Lengths = null }, 8));
        Assert.Equal(8, FitPlanner.DefaultPartitions(Spec(_diag) with { Model = "gmm", Lengths = null }, 8));
    }

    private static FitSpec Spec(HmmCase fixture) =>
        new() { Model = "hmm", Data = fixture.Data, Lengths = fixture.Lengths };

    private static GaussianMixtureParameters SyntheticMixture() =>
        SyntheticMixtures.Random(2, 3, CovarianceType.Diag, 1);
}
