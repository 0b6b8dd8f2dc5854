using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AiMass.Kernels.Mixture;

/// <summary>
/// The per-row log-densities that <see cref="GaussianMixtureScorer"/> reports (score, predict), float64 as the
/// reference <see cref="GaussianDensity"/>, with the full and tied Mahalanobis distance vectorised: y = (x − μ)U
/// four rows and sixteen columns at a time in registers (fused multiply-add, four float64 lanes), then ‖y‖². The
/// reference walks U by columns one scalar at a time and made <c>aimass score</c> of 3,000 rows under a K=256,
/// D=128 model take ~10 s of CPU. Diagonal and spherical rows are O(K·D) and go through the reference.
/// </summary>
internal static class ScoringDensity
{
    /// <summary>Rows per block: the block's rows share each component's U while it is in cache (a K=256, D=128
    /// model's factors are 33 MB: read once per row they made scoring memory-bound).</summary>
    public const int BlockRows = 32;

    /// <summary>
    /// For rows <c>[first, first + count)</c> of <paramref name="x"/> (<c>[n × D]</c>): log π_k + log N(x | μ_k,
    /// Σ_k) into <paramref name="logProbabilities"/> (<c>[n × K]</c>, row-major) and log p(x) into
    /// <paramref name="logLikelihoods"/>; component by component, so each U_k is read once per block.
    /// </summary>
    public static void WeightedLogProbabilities(
        GaussianMixtureParameters parameters, double[] x, int first, int count, double[] logProbabilities,
        double[] logLikelihoods)
    {
        int k = parameters.Components, d = parameters.Features;
        if (parameters.CovarianceType is not (CovarianceType.Full or CovarianceType.Tied))
        {
            for (var r = first; r < first + count; r++)
            {
                logLikelihoods[r] = GaussianDensity.WeightedLogProbabilities(
                    parameters, x.AsSpan(r * d, d), logProbabilities.AsSpan(r * k, k));
            }

            return;
        }

        for (var c = 0; c < k; c++)
        {
            Component(parameters, c, x, first, count, logProbabilities);
        }

        for (var r = first; r < first + count; r++)
        {
            logLikelihoods[r] = GaussianDensity.LogSumExp(logProbabilities.AsSpan(r * k, k));
        }
    }

    /// <summary>log π_c + log N(x | μ_c, Σ_c) of the block's rows into column c of
    /// <paramref name="logProbabilities"/>, four rows at a time.</summary>
    private static void Component(
        GaussianMixtureParameters parameters, int c, double[] x, int first, int count, double[] logProbabilities)
    {
        int k = parameters.Components, d = parameters.Features;
        var mean = parameters.Mean(c);
        var u = parameters.PrecisionCholesky.AsSpan();
        var factor = parameters.CovarianceType == CovarianceType.Full ? u.Slice(c * d * d, d * d) : u;
        var constant = Math.Log(parameters.Weights[c]) + parameters.LogDetPrecisionCholesky[c]
            - (0.5 * d * GaussianDensity.Log2Pi);
        Span<double> diff = d <= 256 ? stackalloc double[4 * d] : new double[4 * d];
        Span<double> q = stackalloc double[4];
        for (var r0 = first; r0 < first + count; r0 += 4)
        {
            var rows = Math.Min(4, first + count - r0);
            for (var r = 0; r < 4; r++)
            {
                // Missing rows of a last group repeat the group's first row; their results are dropped.
                var source = x.AsSpan((r0 + (r < rows ? r : 0)) * d, d);
                for (var j = 0; j < d; j++)
                {
                    diff[(r * d) + j] = source[j] - mean[j];
                }
            }

            SquaredNorms4(diff, factor, d, q);
            for (var r = 0; r < rows; r++)
            {
                logProbabilities[((r0 + r) * k) + c] = constant - (0.5 * q[r]);
            }
        }
    }

    /// <summary>
    /// ‖diff_r · U‖² for four rows r (<paramref name="diff"/>: <c>[4 × D]</c>) and upper-triangular U
    /// (<c>[D × D]</c> row-major, zeros below the diagonal): y_rj = Σ_{i≤j} diff_ri U_ij with i ascending, sixteen
    /// columns of four rows in registers (U's rows are read once for the four); the last D mod 16 columns one at a
    /// time. Then Σ_j y_rj², four lanes added in a fixed order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SquaredNorms4(ReadOnlySpan<double> diff, ReadOnlySpan<double> u, int d, Span<double> q)
    {
        ref var dr = ref Unsafe.AsRef(in diff[0]);
        ref var ur = ref Unsafe.AsRef(in u[0]);
        Vector256<double> n0 = default, n1 = default, n2 = default, n3 = default;
        var j0 = 0;
        for (; j0 + 16 <= d; j0 += 16)
        {
            Block16(ref dr, ref ur, d, j0, ref n0, ref n1, ref n2, ref n3);
        }

        q[0] = Sum(n0);
        q[1] = Sum(n1);
        q[2] = Sum(n2);
        q[3] = Sum(n3);
        for (var j = j0; j < d; j++)
        {
            for (var r = 0; r < 4; r++)
            {
                var y = 0.0;
                for (var i = 0; i <= j; i++)
                {
                    y = Math.FusedMultiplyAdd(Unsafe.Add(ref dr, (r * d) + i), Unsafe.Add(ref ur, (i * d) + j), y);
                }

                q[r] = Math.FusedMultiplyAdd(y, y, q[r]);
            }
        }
    }

    /// <summary>Columns j0 .. j0+16 of y for the four rows (i up to the block's last column: U is zero below its
    /// diagonal), squared into the rows' norm accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block16(
        ref double dr, ref double ur, int d, int j0, ref Vector256<double> n0, ref Vector256<double> n1,
        ref Vector256<double> n2, ref Vector256<double> n3)
    {
        Vector256<double> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector256<double> b0 = default, b1 = default, b2 = default, b3 = default;
        Vector256<double> c0 = default, c1 = default, c2 = default, c3 = default;
        Vector256<double> e0 = default, e1 = default, e2 = default, e3 = default;
        var last = j0 + 15;
        for (var i = 0; i <= last; i++)
        {
            ref var row = ref Unsafe.Add(ref ur, (i * d) + j0);
            var u0 = Vector256.LoadUnsafe(ref row);
            var u1 = Vector256.LoadUnsafe(ref row, 4);
            var u2 = Vector256.LoadUnsafe(ref row, 8);
            var u3 = Vector256.LoadUnsafe(ref row, 12);
            var x = Vector256.Create(Unsafe.Add(ref dr, i));
            a0 = Vector256.FusedMultiplyAdd(x, u0, a0);
            a1 = Vector256.FusedMultiplyAdd(x, u1, a1);
            a2 = Vector256.FusedMultiplyAdd(x, u2, a2);
            a3 = Vector256.FusedMultiplyAdd(x, u3, a3);
            x = Vector256.Create(Unsafe.Add(ref dr, d + i));
            b0 = Vector256.FusedMultiplyAdd(x, u0, b0);
            b1 = Vector256.FusedMultiplyAdd(x, u1, b1);
            b2 = Vector256.FusedMultiplyAdd(x, u2, b2);
            b3 = Vector256.FusedMultiplyAdd(x, u3, b3);
            x = Vector256.Create(Unsafe.Add(ref dr, (2 * d) + i));
            c0 = Vector256.FusedMultiplyAdd(x, u0, c0);
            c1 = Vector256.FusedMultiplyAdd(x, u1, c1);
            c2 = Vector256.FusedMultiplyAdd(x, u2, c2);
            c3 = Vector256.FusedMultiplyAdd(x, u3, c3);
            x = Vector256.Create(Unsafe.Add(ref dr, (3 * d) + i));
            e0 = Vector256.FusedMultiplyAdd(x, u0, e0);
            e1 = Vector256.FusedMultiplyAdd(x, u1, e1);
            e2 = Vector256.FusedMultiplyAdd(x, u2, e2);
            e3 = Vector256.FusedMultiplyAdd(x, u3, e3);
        }

        n0 = Squares(n0, a0, a1, a2, a3);
        n1 = Squares(n1, b0, b1, b2, b3);
        n2 = Squares(n2, c0, c1, c2, c3);
        n3 = Squares(n3, e0, e1, e2, e3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Squares(
        Vector256<double> sum, Vector256<double> y0, Vector256<double> y1, Vector256<double> y2,
        Vector256<double> y3)
    {
        sum = Vector256.FusedMultiplyAdd(y0, y0, sum);
        sum = Vector256.FusedMultiplyAdd(y1, y1, sum);
        sum = Vector256.FusedMultiplyAdd(y2, y2, sum);
        return Vector256.FusedMultiplyAdd(y3, y3, sum);
    }

    private static double Sum(Vector256<double> v) =>
        (v.GetElement(0) + v.GetElement(1)) + (v.GetElement(2) + v.GetElement(3));
}
