using AiMass.Kernels.Data;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using Xunit;

namespace AiMass.Kernels.Tests.Hmm;

/// <summary>Bad data, lengths and parameters get messages that name the value and the remedy.</summary>
public sealed class HmmValidationTests
{
    private const string SymbolRule = "; categorical HMM data need one integer symbol per row.";
    private const string PositiveRule = "; every length in the lengths file must be a positive integer.";
    private const string CoverRule = "; the lengths file must cover every row exactly once.";
    private const string FiniteRule = "; probabilities must be finite and ≥ 0.";

    private static readonly HmmParameters Categorical = TestModels.Categorical();

    [Theory]
    [InlineData(5.0, "data.npy row 3: symbol 5 is not an integer in 0..4")]
    [InlineData(1.5, "data.npy row 3: symbol 1.5 is not an integer in 0..4")]
    [InlineData(-1.0, "data.npy row 3: symbol -1 is not an integer in 0..4")]
    [InlineData(double.NaN, "data.npy row 3: symbol NaN is not an integer in 0..4")]
    public void An_invalid_symbol_is_named_with_its_row(double symbol, string problem)
    {
        var message = problem + SymbolRule;
        var partition = new DataPartition(0, new ArrayRowSource([0, 1, 2, symbol, 4], 1, "data.npy"));
        var e = Assert.Throws<InvalidInputException>(
            () => ReferenceHmmEStep.Compute(partition, Categorical, CancellationToken.None));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void An_invalid_symbol_in_a_partition_is_named_with_its_row_in_the_file()
    {
        var file = new ArrayRowSource([0, 1, 2, 3, 4, 0, 9, 1], 1, "data.npy");
        var partition = new DataPartition(1, new RowSlice(file, 4, 4), SequenceLengths: [2, 2]);
        var e = Assert.Throws<InvalidInputException>(() => Viterbi.Decode(partition, Categorical));
        Assert.Equal("data.npy row 6: symbol 9 is not an integer in 0..4" + SymbolRule, e.Message);
    }

    [Fact]
    public void Categorical_data_need_exactly_one_column()
    {
        var partition = new DataPartition(0, new ArrayRowSource([0, 1, 2, 3], 2, "data.npy"));
        var e = Assert.Throws<InvalidInputException>(
            () => ReferenceHmmEStep.Compute(partition, Categorical, CancellationToken.None));
        Assert.Equal(
            "data.npy has 2 columns; categorical HMM data need exactly one column of integer symbols.", e.Message);
    }

    [Fact]
    public void Gaussian_data_need_the_model_feature_count()
    {
        var partition = new DataPartition(0, new ArrayRowSource([0, 1, 2, 3, 4, 5], 3, "data.npy"));
        var e = Assert.Throws<InvalidInputException>(
            () => ReferenceHmmEStep.Compute(partition, TestModels.Gaussian(HmmEmission.GaussianDiag), default));
        Assert.Equal("data.npy has 3 features but the model has 2.", e.Message);
    }

    [Theory]
    [InlineData(new[] { 2, 0, 3 }, "Sequence 1 of data.npy has length 0" + PositiveRule)]
    [InlineData(new[] { 6, -1 }, "Sequence 1 of data.npy has length -1" + PositiveRule)]
    [InlineData(new[] { 2, 2 }, "The 2 sequence lengths add up to 4 but data.npy has 5 rows" + CoverRule)]
    [InlineData(new[] { 3, 3 }, "The 2 sequence lengths add up to 6 but data.npy has 5 rows" + CoverRule)]
    [InlineData(new int[0], "The 0 sequence lengths add up to 0 but data.npy has 5 rows" + CoverRule)]
    public void Bad_lengths_get_clear_errors(int[] lengths, string message)
    {
        var rows = new ArrayRowSource([0, 1, 2, 3, 4], 1, "data.npy");
        var partition = new DataPartition(0, rows, SequenceLengths: lengths);
        var e = Assert.Throws<InvalidInputException>(
            () => ReferenceHmmEStep.Compute(partition, Categorical, CancellationToken.None));
        Assert.Equal(message, e.Message);
        Assert.Equal(
            message, Assert.Throws<InvalidInputException>(() => HmmScorer.Score(partition, Categorical)).Message);
    }

    [Fact]
    public void Sample_weights_are_refused()
    {
        var rows = new ArrayRowSource([0, 1, 2], 1, "data.npy");
        var partition = new DataPartition(0, rows, new ArrayRowSource([1, 1, 1], 1));
        var e = Assert.Throws<InvalidInputException>(() => ReferenceHmmEStep.Compute(partition, Categorical, default));
        Assert.Equal("data.npy: HMMs take no sample weights; fit without --weights.", e.Message);
    }

    [Fact]
    public void A_sequence_the_model_cannot_produce_is_named()
    {
        var model = HmmParameters.CreateCategorical([1, 0], [0.5, 0.5, 0.5, 0.5], [1, 0, 0, 1], 2);
        var partition = new DataPartition(
            0, new ArrayRowSource([0, 1, 1, 1, 0], 1, "data.npy"), SequenceLengths: [3, 2]);
        var e = Assert.Throws<InvalidInputException>(() => ReferenceHmmEStep.Compute(partition, model, default));
        Assert.Equal(
            "Sequence 1 (rows 3–4 of data.npy) has probability zero under the model: a start, transition or emission " +
            "it needs has probability 0. Smooth the initial model.",
            e.Message);
        Assert.Equal(double.NegativeInfinity, HmmScorer.Score(partition, model)[1]);
    }

    [Theory]
    [InlineData(new[] { 0.5, 0.6 }, new[] { 1.0, 0, 0, 1 }, "startprob adds up to 1.1, not 1; normalise it.")]
    [InlineData(new[] { 1.5, -0.5 }, new[] { 1.0, 0, 0, 1 }, "startprob[1] is -0.5" + FiniteRule)]
    [InlineData(new[] { 0.5, 0.5 }, new[] { 1.0, 0, 0.2, 0.7 }, "transmat[1] adds up to 0.9, not 1; normalise it.")]
    [InlineData(new[] { 0.5, 0.5 }, new[] { 1.0, 0, 1 }, "transmat has 3 values; S=2 states need an S×S matrix of 4.")]
    [InlineData(new[] { 0.5, 0.5 }, new[] { double.NaN, 1, 0, 1 }, "transmat[0][0] is NaN" + FiniteRule)]
    public void Invalid_start_and_transition_probabilities_are_named(
        double[] start, double[] transitions, string message)
    {
        var e = Assert.Throws<InvalidInputException>(
            () => HmmParameters.CreateCategorical(start, transitions, [0.5, 0.5, 0.5, 0.5], 2));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Invalid_emission_tables_and_shapes_are_named()
    {
        Assert.Equal(
            "emissionprob[1] adds up to 0.8, not 1; normalise it.",
            Assert.Throws<InvalidInputException>(
                () => HmmParameters.CreateCategorical([1, 0], [1, 0, 0, 1], [0.5, 0.5, 0.4, 0.4], 2)).Message);
        Assert.Equal(
            "emissionprob has 3 values; S=2 states × M=2 symbols need 4.",
            Assert.Throws<InvalidInputException>(
                () => HmmParameters.CreateCategorical([1, 0], [1, 0, 0, 1], [0.5, 0.5, 1], 2)).Message);
        Assert.Equal(
            "means has 3 values; S=2 states × D=2 features need 4.",
            Assert.Throws<InvalidInputException>(() => HmmParameters.CreateGaussian(
                CovarianceType.Diag, [1, 0], [1, 0, 0, 1], [0, 0, 0], [1, 1, 1, 1], 2)).Message);
        Assert.Equal(
            "full covariances have 4 values; S=2, D=2 need 8.",
            Assert.Throws<InvalidInputException>(() => HmmParameters.CreateGaussian(
                CovarianceType.Full, [1, 0], [1, 0, 0, 1], [0, 0, 0, 0], [1, 1, 1, 1], 2)).Message);
        Assert.Equal(
            "HMM covariance type 'tied' is not supported; use full or diag.",
            Assert.Throws<InvalidInputException>(() => HmmParameters.CreateGaussian(
                CovarianceType.Tied, [1, 0], [1, 0, 0, 1], [0, 0, 0, 0], [1, 0, 0, 1], 2)).Message);
    }

    [Fact]
    public void A_covariance_that_is_not_positive_definite_names_the_state()
    {
        var e = Assert.Throws<DegenerateComponentException>(() => HmmParameters.CreateGaussian(
            CovarianceType.Full, [0.5, 0.5], [1, 0, 0, 1], [0, 0, 1, 1], [1, 0, 0, 1, 1, 2, 2, 1], 2));
        Assert.Equal(1, e.Component);
        Assert.Equal("The covariance of state 1 is not positive definite.", e.Message);
    }

    [Theory]
    [InlineData("--transmat-prior 0 is not a Dirichlet concentration; give a finite number > 0 (1 means no prior).")]
    public void Invalid_priors_name_their_flag(string message)
    {
        var e = Assert.Throws<InvalidInputException>(() => new HmmPriors(TransmatPrior: 0).Validate());
        Assert.Equal(message, e.Message);
        Assert.Equal(
            "--covars-weight -1 must be a finite number ≥ 0 (1 means no prior).",
            Assert.Throws<InvalidInputException>(() => new HmmPriors(CovarsWeight: -1).Validate()).Message);
    }

    [Fact]
    public void The_symbol_count_is_the_largest_symbol_plus_one()
    {
        Assert.Equal(7, CategoricalSymbols.Count(new ArrayRowSource([0, 6, 2, 2], 1)));
        Assert.Equal(
            "x.npy row 2: symbol 2.5 is not an integer in 0 or more" + SymbolRule,
            Assert.Throws<InvalidInputException>(
                () => CategoricalSymbols.Count(new ArrayRowSource([0, 6, 2.5], 1, "x.npy"))).Message);
    }

    [Theory]
    [InlineData("gaussian", "full", HmmEmission.GaussianFull)]
    [InlineData("gaussian", "diag", HmmEmission.GaussianDiag)]
    [InlineData("gaussian", null, HmmEmission.GaussianDiag)]
    [InlineData("categorical", null, HmmEmission.Categorical)]
    public void Model_file_emission_names_parse(string emission, string? covarianceType, HmmEmission expected)
    {
        Assert.Equal(expected, HmmEmissions.Parse(emission, covarianceType));
        Assert.Equal(emission, expected.Name());
    }
}
