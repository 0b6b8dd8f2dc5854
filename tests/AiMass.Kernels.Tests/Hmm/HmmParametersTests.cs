using AiMass.Kernels.Hmm;
using Xunit;

namespace AiMass.Kernels.Tests.Hmm;

public sealed class HmmParametersTests
{
    [Theory]
    [InlineData(HmmEmission.GaussianFull, 2 + 6 + 6 + 9)] // start 2, transitions 6, means 3·2, covariances 3·3
    [InlineData(HmmEmission.GaussianDiag, 2 + 6 + 6 + 6)]
    [InlineData(HmmEmission.Categorical, 2 + 6 + 12)] // emissions 3·(5 − 1)
    public void Free_parameters_are_counted_as_hmmlearn_counts_them(HmmEmission kind, long expected)
    {
        Assert.Equal(expected, TestModels.Gaussian(kind).FreeParameterCount);
    }

    [Fact]
    public void The_precision_Cholesky_factor_inverts_each_full_covariance()
    {
        var model = TestModels.Gaussian(HmmEmission.GaussianFull);
        for (var s = 0; s < 3; s++)
        {
            var u = model.PrecisionCholesky.AsSpan(s * 4, 4);
            var sigma = model.Covariances.AsSpan(s * 4, 4);
            Assert.Equal(0.0, u[2]); // upper triangular, row-major
            // (U Uᵀ) Σ = I
            double[] precision = [(u[0] * u[0]) + (u[1] * u[1]), u[1] * u[3], u[1] * u[3], u[3] * u[3]];
            for (var i = 0; i < 2; i++)
            {
                for (var j = 0; j < 2; j++)
                {
                    var product = (precision[i * 2] * sigma[j]) + (precision[(i * 2) + 1] * sigma[2 + j]);
                    Assert.Equal(i == j ? 1.0 : 0.0, product, 14);
                }
            }

            var logDet = -0.5 * Math.Log((sigma[0] * sigma[3]) - (sigma[1] * sigma[2]));
            Assert.Equal(logDet, model.LogDetPrecisionCholesky[s], 14);
        }
    }

    [Fact]
    public void Diagonal_precision_factors_are_inverse_standard_deviations()
    {
        var model = TestModels.Gaussian(HmmEmission.GaussianDiag);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(1 / Math.Sqrt(model.Covariances[i]), model.PrecisionCholesky[i], 15);
        }
    }
}
