using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Tests.Support;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using Xunit;

namespace AiMass.Coordinator.Tests.Map;

/// <summary>--prior-strength 0 is maximum likelihood itself: the fit equals <c>--init prior.json</c> bit for bit.
/// </summary>
public sealed class ZeroStrengthTests
{
    [Theory]
    [InlineData("gmm_model_full", "cpu")]
    [InlineData("gmm_model_tied", "cpu")]
    [InlineData("gmm_model_diag", "reference")]
    [InlineData("gmm_model_spherical", "cpu")]
    [InlineData("hmm_model_diag", "cpu")]
    [InlineData("hmm_model_categorical", "reference")]
    public void Strength_zero_equals_the_plain_fit_from_the_same_model_bit_for_bit(string name, string device)
    {
        var fixture = MapCase.Load(name);
        var map = fixture.Spec() with { InitModel = null, InitModelName = null, PriorStrength = 0, MaxIter = 15 };
        var plain = map with
        {
            InitModel = map.PriorModel, InitModelName = map.PriorModelName, PriorModel = null, PriorModelName = null,
        };

        var a = Fit(map, device);
        var b = Fit(plain, device);

        Assert.Null(a.Prior);
        Assert.Equal(b.History.Select(r => r.LowerBound), a.History.Select(r => r.LowerBound));
        Assert.Equal(b.LogLikelihood, a.LogLikelihood);
        Assert.Equal(Values(b.Parameters), Values(a.Parameters));
    }

    private static FitResult Fit(Seed.Jobs.FitSpec spec, string device)
    {
        using var backend = EStepBackends.Create(device);
        return LocalFit.Run(spec, backend, new SilentObserver(), CancellationToken.None);
    }

    private static double[] Values(ModelParameters p) => p switch
    {
        GaussianMixtureParameters g => [.. g.Weights, .. g.Means, .. g.Covariances],
        HmmParameters h =>
            [.. h.StartProbabilities, .. h.Transitions, .. h.Means, .. h.Covariances, .. h.EmissionProbabilities],
        _ => throw new ArgumentException(p.GetType().Name),
    };
}
