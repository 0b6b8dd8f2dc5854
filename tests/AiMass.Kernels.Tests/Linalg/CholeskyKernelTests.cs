using AiMass.Kernels.Linalg;
using MathNet.Numerics.LinearAlgebra;

namespace AiMass.Kernels.Tests.Linalg;

public sealed class CholeskyKernelTests
{
    public static TheoryData<int> Sizes() => [1, 2, 3, 7, 8, 9, 15, 16, 17, 33, 128, 400];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_precision_Cholesky_matches_MathNet_to_1e12_relative(int d)
    {
        var sigma = Spd(d, seed: d);
        var u = new double[d * d];

        var logDet = SymmetricFactor.TryPrecisionCholesky(sigma, d, u);

        // MathNet: Σ = L Lᵀ, U = (L⁻¹)ᵀ.
        var lower = Matrix<double>.Build.DenseOfRowMajor(d, d, sigma).Cholesky().Factor;
        var expected = lower.Inverse().Transpose().ToRowMajorArray();
        Assert.NotNull(logDet);
        Assert.InRange(RelativeError(u, expected), 0, 1e-12);
        var expectedLogDet = Enumerable.Range(0, d).Sum(i => Math.Log(expected[(i * d) + i]));
        Assert.InRange(Math.Abs(logDet.Value - expectedLogDet), 0, 1e-12 * Math.Max(1, Math.Abs(expectedLogDet)));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(64)]
    [InlineData(130)]
    public void The_factor_times_its_transpose_gives_the_matrix_back(int d)
    {
        var sigma = Spd(d, seed: 3);
        var r = (double[])sigma.Clone();

        Assert.True(CholeskyKernel.TryFactor(r, d));

        var product = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                for (var k = 0; k <= Math.Min(i, j); k++)
                {
                    product[(i * d) + j] += r[(k * d) + i] * r[(k * d) + j];
                }
            }
        }

        Assert.InRange(RelativeError(product, sigma), 0, 1e-13);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(33)]
    [InlineData(128)]
    public void The_blocked_vectorised_kernels_give_the_bits_of_the_plain_scalar_algorithm(int d)
    {
        // The same element operations in the same order, one fused multiply-add at a time: so any vector width,
        // blocking or thread count gives these bits.
        var sigma = Spd(d, seed: 7);
        var r = (double[])sigma.Clone();
        var u = new double[d * d];

        Assert.True(CholeskyKernel.TryFactor(r, d));
        CholeskyKernel.InvertUpper(r, u, d);

        var (expectedR, expectedU) = ScalarReference(sigma, d);
        for (var i = 0; i < d; i++)
        {
            for (var j = i; j < d; j++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(expectedR[(i * d) + j]),
                    BitConverter.DoubleToInt64Bits(r[(i * d) + j]));
            }
        }

        Assert.Equal(expectedU.Select(BitConverter.DoubleToInt64Bits), u.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Spreading_one_matrix_over_threads_changes_no_bit()
    {
        const int d = 400;
        var sigma = Spd(d, seed: 11);
        double[] serial = (double[])sigma.Clone(), parallel = (double[])sigma.Clone();
        double[] serialInverse = new double[d * d], parallelInverse = new double[d * d];

        Assert.True(CholeskyKernel.TryFactor(serial, d, parallel: false));
        Assert.True(CholeskyKernel.TryFactor(parallel, d, parallel: true));
        CholeskyKernel.InvertUpper(serial, serialInverse, d, parallel: false);
        CholeskyKernel.InvertUpper(parallel, parallelInverse, d, parallel: true);

        Assert.Equal(serial, parallel);
        Assert.Equal(serialInverse, parallelInverse);
    }

    [Fact]
    public void A_matrix_that_is_not_positive_definite_or_not_finite_has_no_factor()
    {
        double[] indefinite = [1, 2, 2, 1];
        double[] singular = [1, 1, 1, 1];
        double[] nan = [1, 0, 0, double.NaN];
        var u = new double[4];

        Assert.Null(SymmetricFactor.TryPrecisionCholesky(indefinite, 2, u));
        Assert.Null(SymmetricFactor.TryPrecisionCholesky(singular, 2, u));
        Assert.Null(SymmetricFactor.TryPrecisionCholesky(nan, 2, u));
    }

    /// <summary>Σ = B Bᵀ / d + I with B uniform in [−1, 1): symmetric positive definite, not diagonal.</summary>
    private static double[] Spd(int d, int seed)
    {
        var random = new Random(seed);
        var b = Enumerable.Range(0, d * d).Select(_ => (2 * random.NextDouble()) - 1).ToArray();
        var sigma = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < d; k++)
                {
                    sum += b[(i * d) + k] * b[(j * d) + k];
                }

                sigma[(i * d) + j] = sigma[(j * d) + i] = (sum / d) + (i == j ? 1 : 0);
            }
        }

        return sigma;
    }

    private static (double[] R, double[] U) ScalarReference(double[] sigma, int d)
    {
        var a = (double[])sigma.Clone();
        for (var k = 0; k < d; k++)
        {
            var pivot = Math.Sqrt(a[(k * d) + k]);
            a[(k * d) + k] = pivot;
            for (var j = k + 1; j < d; j++)
            {
                a[(k * d) + j] /= pivot;
            }

            for (var i = k + 1; i < d; i++)
            {
                for (var j = i; j < d; j++)
                {
                    a[(i * d) + j] = Math.FusedMultiplyAdd(-a[(k * d) + i], a[(k * d) + j], a[(i * d) + j]);
                }
            }
        }

        var u = new double[d * d];
        for (var i = d - 1; i >= 0; i--)
        {
            var r = a[(i * d) + i];
            for (var j = i; j < d; j++)
            {
                var s = 0.0;
                for (var k = i + 1; k <= j; k++)
                {
                    s = Math.FusedMultiplyAdd(a[(i * d) + k], u[(k * d) + j], s);
                }

                u[(i * d) + j] = j == i ? 1.0 / r : -s / r;
            }
        }

        return (a, u);
    }

    private static double RelativeError(double[] actual, double[] expected)
    {
        var scale = expected.Max(Math.Abs);
        return actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max() / scale;
    }
}
