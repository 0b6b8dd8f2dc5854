using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using Xunit;

namespace AiMass.Kernels.Tests.Hmm;

public sealed class HmmMStepTests
{
    /// <summary>
    /// Symbol m is emitted by state m only, so every posterior is exactly 0 or 1 and the expected counts are
    /// the observed ones: starts {0: 2, 1: 1}; transitions 0→0: 3, 0→1: 2, 1→0: 2, 1→1: 2; symbol 0: 7, symbol 1: 5.
    /// </summary>
    [Fact]
    public void Dirichlet_priors_give_the_closed_form_pseudo_count_estimates()
    {
        double[] symbols = [0, 0, 0, 1, 1, 1, 0, /**/ 1, 0, 0, /**/ 0, 1];
        var partition = new DataPartition(0, new ArrayRowSource(symbols, 1), SequenceLengths: [7, 3, 2]);
        var initial = HmmParameters.CreateCategorical([0.5, 0.5], [0.6, 0.4, 0.3, 0.7], [1, 0, 0, 0, 1, 0], 3);
        var stats = ReferenceHmmEStep.Compute(partition, initial, CancellationToken.None);
        var step = new HmmMStep { Priors = new HmmPriors(StartProbPrior: 3, TransmatPrior: 2.5, EmissionProbPrior: 2) };

        var next = step.Estimate(stats, initial);

        Assertions.Close([(2 + 2) / 7.0, (2 + 1) / 7.0], next.StartProbabilities.AsSpan(), 1e-14, "startprob");
        Assertions.Close(
            [4.5 / 8, 3.5 / 8, 3.5 / 7, 3.5 / 7], next.Transitions.AsSpan(), 1e-14, "transmat");
        Assertions.Close(
            [8 / 10.0, 1 / 10.0, 1 / 10.0, 1 / 8.0, 6 / 8.0, 1 / 8.0], next.EmissionProbabilities.AsSpan(), 1e-14,
            "emissionprob");
    }

    [Fact]
    public void A_Dirichlet_prior_below_one_clamps_at_zero_as_in_hmmlearn()
    {
        double[] symbols = [0, 0, 0, 1, 1, 1, 0, /**/ 1, 0, 0, /**/ 0, 1];
        var partition = new DataPartition(0, new ArrayRowSource(symbols, 1), SequenceLengths: [7, 3, 2]);
        var initial = HmmParameters.CreateCategorical([0.5, 0.5], [0.6, 0.4, 0.3, 0.7], [1, 0, 0, 0, 1, 0], 3);
        var stats = ReferenceHmmEStep.Compute(partition, initial, CancellationToken.None);

        // max(α − 1 + n, 0) with α = 0.5: starts {1.5, 0.5}; emission row 0 {6.5, 0, 0}.
        var next = new HmmMStep { Priors = new HmmPriors(StartProbPrior: 0.5, EmissionProbPrior: 0.5) }
            .Estimate(stats, initial);

        Assertions.Close([0.75, 0.25], next.StartProbabilities.AsSpan(), 1e-14, "startprob");
        Assertions.Close([1, 0, 0, 0, 1, 0], next.EmissionProbabilities.AsSpan(), 1e-14, "emissionprob");
    }

    [Theory]
    [InlineData(HmmEmission.GaussianDiag)]
    [InlineData(HmmEmission.GaussianFull)]
    public void Normal_and_inverse_gamma_or_Wishart_priors_give_the_closed_form_estimates(HmmEmission kind)
    {
        // One state: every posterior is 1, so the MAP estimates have closed forms in the data alone.
        double[] x = [1.0, 2.0, 3.5, 1.0, 2.0, 4.0, 0.5, 2.5];
        const int n = 4, d = 2;
        double mu0 = 0.5, lambda = 3, psi = 0.8, nu = 5, reg = 1e-3;
        var type = kind.CovarianceType();
        double[] unitCovariance = type == CovarianceType.Full ? [1, 0, 0, 1] : [1, 1];
        var initial = HmmParameters.CreateGaussian(type, [1], [1], [10, -10], unitCovariance, d);
        var partition = new DataPartition(0, new ArrayRowSource(x, d));
        var stats = ReferenceHmmEStep.Compute(partition, initial, CancellationToken.None);
        var priors = new HmmPriors(MeansPrior: mu0, MeansWeight: lambda, CovarsPrior: psi, CovarsWeight: nu);

        var next = new HmmMStep(reg) { Priors = priors }.Estimate(stats, initial);

        var mean = new double[d];
        for (var j = 0; j < d; j++)
        {
            mean[j] = (lambda * mu0 + Enumerable.Range(0, n).Sum(i => x[(i * d) + j])) / (lambda + n);
        }

        Assertions.Close(mean, next.Means.AsSpan(), 1e-13, "means");
        double Scatter(int a, int b) => (lambda * (mean[a] - mu0) * (mean[b] - mu0))
            + Enumerable.Range(0, n).Sum(i => (x[(i * d) + a] - mean[a]) * (x[(i * d) + b] - mean[b]));
        double[] expected = type == CovarianceType.Full
            ? [(psi + Scatter(0, 0)) / (nu - d + n) + reg, Scatter(0, 1) / (nu - d + n),
               Scatter(1, 0) / (nu - d + n), (psi + Scatter(1, 1)) / (nu - d + n) + reg]
            : [(psi + Scatter(0, 0)) / (nu - 1 + n) + reg, (psi + Scatter(1, 1)) / (nu - 1 + n) + reg];
        Assertions.Close(expected, next.Covariances.AsSpan(), 1e-13, "covariances");
    }

    [Fact]
    public void Without_priors_the_estimates_are_the_sample_mean_and_variance_plus_reg_covar()
    {
        double[] x = [1.0, 2.0, 3.5, 1.0, 2.0, 4.0, 0.5, 2.5];
        var initial = HmmParameters.CreateGaussian(CovarianceType.Diag, [1], [1], [0, 0], [1, 1], 2);
        var stats = ReferenceHmmEStep.Compute(new DataPartition(0, new ArrayRowSource(x, 2)), initial, default);

        var next = new HmmMStep(RegCovar: 1e-3).Estimate(stats, initial);

        // Column 0: 1, 3.5, 2, 0.5 (mean 1.75, variance 1.3125);
        // column 1: 2, 1, 4, 2.5 (mean 2.375, variance 1.171875).
        Assertions.Close([1.75, 2.375], next.Means.AsSpan(), 1e-13, "means");
        Assertions.Close([1.3125 + 1e-3, 1.171875 + 1e-3], next.Covariances.AsSpan(), 1e-13, "variances");
    }

    [Fact]
    public void Structural_zeros_of_start_and_transitions_stay_zero_even_under_a_prior()
    {
        var truth = HmmParameters.CreateGaussian(
            CovarianceType.Diag, [1, 0, 0], [0.9, 0.1, 0, 0, 0.9, 0.1, 0, 0, 1], [0, 0, 4, 0, 8, 0],
            [1, 1, 1, 1, 1, 1], 2);
        var partition = TestModels.Partition(truth, [60, 80, 50], seed: 41);
        HmmParameters model = HmmParameters.CreateGaussian(
            CovarianceType.Diag, [1, 0, 0], [0.5, 0.5, 0, 0, 0.5, 0.5, 0, 0, 1], [1, 0, 3, 1, 7, 1],
            [2, 2, 2, 2, 2, 2], 2);
        var step = new HmmMStep { Priors = new HmmPriors(StartProbPrior: 2, TransmatPrior: 2) };
        for (var i = 0; i < 20; i++)
        {
            model = step.Estimate(ReferenceHmmEStep.Compute(partition, model, default), model);
        }

        Assert.Equal([1.0, 0, 0], model.StartProbabilities.ToArray());
        int[] zeros = [2, 3, 6, 7];
        Assert.All(zeros, i => Assert.Equal(0.0, model.Transitions[i]));
        Assert.All(Enumerable.Range(0, 9).Except(zeros), i => Assert.True(model.Transitions[i] > 0));
    }

    [Fact]
    public void A_state_without_expected_counts_keeps_its_transition_row_and_mean()
    {
        // State 2 cannot be reached (no start mass, no transitions into it), so it gets no posterior weight.
        var model = HmmParameters.CreateGaussian(
            CovarianceType.Diag, [0.5, 0.5, 0], [0.5, 0.5, 0, 0.5, 0.5, 0, 0.3, 0.3, 0.4], [0, 0, 4, 0, 8, 0],
            [1, 1, 1, 1, 1, 1], 2);
        var partition = TestModels.Partition(model, [100], seed: 42);

        var next = new HmmMStep().Estimate(ReferenceHmmEStep.Compute(partition, model, default), model);

        Assert.Equal([0.3, 0.3, 0.4], next.TransitionRow(2).ToArray());
        Assert.Equal([8.0, 0], next.Mean(2).ToArray());
        Assert.Equal(0.0, next.StartProbabilities[2]);
    }

    [Fact]
    public void A_state_whose_covariance_collapses_is_named_with_the_remedy()
    {
        // Five copies of one point; the previous mean sits on it, so the shifted moments are exactly zero.
        double[] x = [2, 3, 2, 3, 2, 3, 2, 3, 2, 3];
        var initial = HmmParameters.CreateGaussian(CovarianceType.Diag, [1], [1], [2, 3], [1, 1], 2);
        var stats = ReferenceHmmEStep.Compute(new DataPartition(0, new ArrayRowSource(x, 2)), initial, default);

        var e = Assert.Throws<DegenerateComponentException>(() => new HmmMStep(RegCovar: 0).Estimate(stats, initial));

        Assert.Equal(0, e.Component);
        Assert.Equal(
            "State 0 has an ill-defined covariance (it holds 5 of 5 observations' posterior weight): raise " +
            "--reg-covar (now 0) or lower --states.",
            e.Message);
    }

    [Fact]
    public void The_M_step_is_pure_and_the_same_through_the_IEmModel_interface()
    {
        var partition = TestModels.Partition(TestModels.Categorical(), [50, 50], seed: 43);
        var initial = TestModels.Perturbed(HmmEmission.Categorical);
        var stats = ReferenceHmmEStep.Compute(partition, initial, default);
        IEmModel model = new HmmMStep();
        var a = (HmmParameters)model.MStep(stats, initial);
        var b = new HmmMStep().Estimate(stats, initial);
        Assert.Equal(a.EmissionProbabilities.ToArray(), b.EmissionProbabilities.ToArray());
        Assert.Equal(a.Transitions.ToArray(), b.Transitions.ToArray());
        var untouched = TestModels.Perturbed(HmmEmission.Categorical);
        Assert.Equal(untouched.Transitions.ToArray(), initial.Transitions.ToArray());
    }
}
