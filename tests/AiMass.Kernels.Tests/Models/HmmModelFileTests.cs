using System.Text.Json;
using System.Text.Json.Nodes;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Models;
using AiMass.Kernels.Tests.Hmm;

namespace AiMass.Kernels.Tests.Models;

/// <summary>The HMM model file: hmmlearn's names and shapes, written and read back exactly.</summary>
public sealed class HmmModelFileTests
{
    public static TheoryData<HmmEmission> Emissions =>
        [HmmEmission.GaussianFull, HmmEmission.GaussianDiag, HmmEmission.Categorical];

    public static TheoryData<string> Cases => [.. HmmFixture.Cases];

    [Theory]
    [MemberData(nameof(Emissions))]
    public void Every_emission_kind_survives_a_write_and_read_exactly(HmmEmission emission)
    {
        var model = TestModels.Gaussian(emission);

        var back = Assert.IsType<HmmParameters>(ModelFile.Parse(ModelFile.SerializeParameters(model), "m.json"));

        Assert.Equal(model.Emission, back.Emission);
        Assert.Equal(model.Features, back.Features);
        Assert.Equal(model.Symbols, back.Symbols);
        Assert.Equal(model.StartProbabilities.ToArray(), back.StartProbabilities.ToArray());
        Assert.Equal(model.Transitions.ToArray(), back.Transitions.ToArray());
        Assert.Equal(model.Means.ToArray(), back.Means.ToArray());
        Assert.Equal(model.Covariances.ToArray(), back.Covariances.ToArray());
        Assert.Equal(model.PrecisionCholesky.ToArray(), back.PrecisionCholesky.ToArray());
        Assert.Equal(model.EmissionProbabilities.ToArray(), back.EmissionProbabilities.ToArray());
    }

    [Fact]
    public void A_fit_result_is_written_with_the_hmm_fields_and_the_total_log_likelihood()
    {
        var model = TestModels.Gaussian(HmmEmission.GaussianFull);
        var result = new FitResult(model, true, 7, -2.5, [], -1234.5, 500, 500, 0, [-2.5]);

        var root = JsonNode.Parse(ModelFile.Serialize(result))!.AsObject();

        Assert.Equal("hmm", (string?)root["kind"]);
        Assert.Equal("gaussian", (string?)root["emission"]);
        Assert.Equal("full", (string?)root["covariance_type"]);
        Assert.Equal(3, (int?)root["n_states"]);
        Assert.Equal(2, (int?)root["n_features"]);
        Assert.Equal(3, root["covariances"]!.AsArray().Count);
        Assert.Equal(2, root["covariances"]![0]!.AsArray().Count);
        Assert.True((bool?)root["converged"]);
        Assert.Equal(7, (int?)root["n_iter"]);
        Assert.Equal(-1234.5, (double?)root["log_likelihood"]);
        Assert.IsType<HmmParameters>(ModelFile.Parse(root.ToJsonString(), "fit.json"));
    }

    [Fact]
    public void A_categorical_model_writes_the_number_of_symbols_as_n_features_as_hmmlearn_does()
    {
        var root = JsonNode.Parse(ModelFile.SerializeParameters(TestModels.Categorical()))!.AsObject();

        Assert.Equal(5, (int?)root["n_features"]);
        Assert.False(root.ContainsKey("covariance_type"));
        Assert.False(root.ContainsKey("means"));
        root["n_features"] = 1;
        var error = Assert.Throws<InvalidInputException>(() => ModelFile.Parse(root.ToJsonString(), "c.json"));
        Assert.Equal(
            "c.json: n_features does not match the 5 columns of emissionprob; for a categorical HMM n_features is " +
            "the number of symbols M (hmmlearn's meaning).", error.Message);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_fixture_init_and_expected_model_reads_as_the_fixture_reader_reads_it(string name)
    {
        var folder = Path.Combine(HmmFixture.Root, name);
        var init = File.ReadAllText(Path.Combine(folder, "init.json"));
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")));
        var model = expected.RootElement.GetProperty("model");

        var readInit = Assert.IsType<HmmParameters>(ModelFile.Parse(init, "init.json"));
        var readFinal = Assert.IsType<HmmParameters>(ModelFile.Parse(model.GetRawText(), "expected.json"));

        using var initDocument = JsonDocument.Parse(init);
        Assertions.SameModel(HmmFixture.ReadModel(initDocument.RootElement), readInit, 0);
        Assertions.SameModel(HmmFixture.ReadModel(model), readFinal, 0);
    }

    [Fact]
    public void A_missing_covariance_type_means_diag_as_in_hmmlearn()
    {
        var root = JsonNode.Parse(ModelFile.SerializeParameters(TestModels.Gaussian(HmmEmission.GaussianDiag)))!
            .AsObject();
        root.Remove("covariance_type");

        var back = Assert.IsType<HmmParameters>(ModelFile.Parse(root.ToJsonString(), "m.json"));

        Assert.Equal(HmmEmission.GaussianDiag, back.Emission);
    }

    [Theory]
    [InlineData("remove:transmat", "m.json: the field \"transmat\" is missing.")]
    [InlineData("remove:emission", "m.json: the field \"emission\" is missing.")]
    [InlineData("emission:poisson", "m.json: Unknown HMM emission 'poisson'; use gaussian or categorical.")]
    [InlineData(
        "covariance_type:spherical", "m.json: HMM covariance type 'spherical' is not supported; use full or diag.")]
    [InlineData("n_states:4", "m.json: n_states does not match the 3 entries of startprob.")]
    [InlineData("n_features:3", "m.json: n_features does not match the 2 columns of means.")]
    [InlineData("startprob:[0.5,0.3,0.1]", "m.json: startprob adds up to 0.9, not 1; normalise it.")]
    [InlineData("transmat:[[1,0,0],[0,1,0]]", "m.json: \"transmat\" has 2 entries at depth 1; shape [3 × 3] needs 3.")]
    [InlineData(
        "covariances:[[1,1],[1,-1],[1,1]]", "m.json: the covariance of state 1 is not symmetric positive definite.")]
    public void Errors_name_the_file_and_the_field(string change, string message)
    {
        var root = JsonNode.Parse(ModelFile.SerializeParameters(TestModels.Gaussian(HmmEmission.GaussianDiag)))!
            .AsObject();
        var (field, value) = (change[..change.IndexOf(':')], change[(change.IndexOf(':') + 1)..]);
        if (field == "remove")
        {
            root.Remove(value);
        }
        else
        {
            root[field] = JsonNode.Parse(value.StartsWith('[') || char.IsDigit(value[0]) ? value : $"\"{value}\"");
        }

        var error = Assert.Throws<InvalidInputException>(() => ModelFile.Parse(root.ToJsonString(), "m.json"));

        Assert.Equal(message, error.Message);
    }
}
