using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Tests.Support;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using Xunit;

namespace AiMass.Coordinator.Tests.Map;

/// <summary>
/// MAP-EM against the committed numpy reference (tests/fixtures/map): weights, means and covariances after exactly
/// n_iter posterior-mode M-steps, and the n_iter lower bounds (mean log posteriors), for a saved model as the prior
/// and for the weak prior, every covariance type, and HMMs (Gaussian diag, full, categorical).
/// </summary>
public sealed class MapFixtureTests
{
    private const double Tolerance = 1e-9;

    [Theory]
    [MemberData(nameof(MapCase.Names), MemberType = typeof(MapCase))]
    public void The_fit_equals_the_numpy_reference(string name)
    {
        var fixture = MapCase.Load(name);
        var result = LocalFit.Run(fixture.Spec(), new ReferenceBackend(), new SilentObserver(), CancellationToken.None);

        Assert.Equal(fixture.Iterations, result.Iterations);
        Close(fixture.LowerBounds, result.History.Select(r => r.LowerBound).ToArray(), "lower bounds");
        switch (fixture.Expected)
        {
            case GaussianMixtureParameters expected:
                var gmm = (GaussianMixtureParameters)result.Parameters;
                Close([.. expected.Weights], [.. gmm.Weights], "weights");
                Close([.. expected.Means], [.. gmm.Means], "means");
                Close([.. expected.Covariances], [.. gmm.Covariances], "covariances");
                break;
            case HmmParameters expected:
                var hmm = (HmmParameters)result.Parameters;
                Close([.. expected.StartProbabilities], [.. hmm.StartProbabilities], "startprob");
                Close([.. expected.Transitions], [.. hmm.Transitions], "transmat");
                Close([.. expected.Means], [.. hmm.Means], "means");
                Close([.. expected.Covariances], [.. hmm.Covariances], "covariances");
                Close([.. expected.EmissionProbabilities], [.. hmm.EmissionProbabilities], "emissionprob");
                Assert.Equal(0.0, hmm.Transitions[2]); // the initial structural zero A[0, 2]
                break;
        }
    }

    [Theory]
    [MemberData(nameof(MapCase.Names), MemberType = typeof(MapCase))]
    public void The_log_posterior_never_decreases(string name)
    {
        var fixture = MapCase.Load(name);
        var spec = fixture.Spec() with { MaxIter = 40 };
        var result = LocalFit.Run(spec, new ReferenceBackend(), new SilentObserver(), CancellationToken.None);

        for (var i = 1; i < result.History.Count; i++)
        {
            Assert.True(
                result.History[i].LowerBound >= result.History[i - 1].LowerBound - 1e-12,
                $"{name}: iteration {i + 1} lowered the log posterior from {result.History[i - 1].LowerBound:R} to " +
                $"{result.History[i].LowerBound:R}");
        }
    }

    [Theory]
    [MemberData(nameof(MapCase.Names), MemberType = typeof(MapCase))]
    public void The_model_file_says_the_lower_bound_is_a_log_posterior(string name)
    {
        var fixture = MapCase.Load(name);
        var result = LocalFit.Run(fixture.Spec(), new ReferenceBackend(), new SilentObserver(), CancellationToken.None);

        var text = ModelFile.Serialize(result);

        Assert.Contains("\"lower_bound_kind\": \"log_posterior\"", text, StringComparison.Ordinal);
        Assert.Contains(fixture.Prior == "weak" ? "\"prior\": \"weak\"" : "prior.json, strength", text,
            StringComparison.Ordinal);
    }

    private static void Close(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var scale = Math.Max(1.0, Math.Abs(expected[i]));
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= Tolerance * scale,
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
