using ILGPU;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// The scaled forward-backward recursion of <see cref="Hmm.ForwardBackward"/> (Rabiner 1989, §V.A) on the device,
/// float64: one thread group per sequence (grid-stride over the batch's sequences), states across the group's
/// threads, time sequential. Only the parts that are sequential in time run here; the posteriors γ, Σξ and the
/// moments are formed afterwards, data-parallel over rows, by <see cref="HmmStatisticsKernels"/>.
/// </summary>
/// <remarks>
/// Forward: α̂_0 ∝ π ⊙ e_0, α̂_t ∝ (α̂_{t−1} A) ⊙ e_t, each normalised by c_t (flushed below 1e−300), log-likelihood
/// terms log c_t + m_t. Backward: β̂_{T−1} = 1, w_t = e_{t+1} ⊙ β̂_{t+1} / c_{t+1} (stored over e_{t+1}),
/// β̂_t(r) = Σ_s A_rs w_t(s), 0 where α̂_t(r) = 0. Sums run in state order as in the reference, each thread
/// summing the group's values itself (no tree, no atomics), so results do not depend on the group size. Two
/// barriers per step and pass. Shared memory: 2S values.
/// Float64, not float32: Σ_r α̂_t(r) β̂_t(r) = 1 bounds β̂_t(r) only by 1/α̂_t(r), which passes float32's 3e38 as
/// soon as a state's forward value drops below 3e−39 (routine with well-separated states), and the 1e−300 flush
/// that keeps structural zeros exact needs float64's range. The recursion is latency-bound, so float64's lower
/// throughput costs it little; on an H200 float64 runs at half the float32 rate anyway.
/// </remarks>
internal static class ForwardBackwardKernels
{
    /// <summary>Forward values below this are flushed to zero (as <see cref="Hmm.ForwardBackward"/>).</summary>
    private const double Negligible = 1e-300;

    /// <summary>Runs both passes for every sequence of the batch and writes its status (1 = impossible).</summary>
    public static void ForwardBackwardKernel(HmmRecursionArguments a)
    {
        var shared = SharedMemory.GetDynamic<double>();
        for (var q = Grid.IdxX; q < a.Sequences; q += Grid.DimX)
        {
            var first = a.Offsets[q] - a.RowBase;
            var length = a.Offsets[q + 1] - a.Offsets[q];
            var possible = Forward(a, shared, first, length);
            if (possible)
            {
                Backward(a, shared, first, length);
            }

            if (Group.IdxX == 0)
            {
                a.Status[q] = possible ? 0 : 1;
            }

            Group.Barrier();
        }
    }

    /// <summary>
    /// The forward pass; false (after writing −∞ as the step's term) when the sequence is impossible: c_t = 0 or
    /// every emission −∞. Every thread computes the same c_t, so the early return is uniform across the group.
    /// </summary>
    private static bool Forward(HmmRecursionArguments a, ArrayView<double> shared, int first, int length)
    {
        var s = a.States;
        for (var t = 0; t < length; t++)
        {
            var row = first + t;
            var shift = a.Work.Terms[row];
            Predict(a, shared, row, t);
            Group.Barrier();
            var sum = 0.0;
            for (var c = 0; c < s; c++)
            {
                sum += shared[s + c];
            }

            if (!(sum > 0.0) || shift == double.NegativeInfinity)
            {
                if (Group.IdxX == 0)
                {
                    a.Work.Terms[row] = double.NegativeInfinity;
                }

                return false;
            }

            StoreNormalised(a, shared, row, sum, shift);
            Group.Barrier();
        }

        return true;
    }

    /// <summary>α̂_t = flush(prediction / c_t) into the workspace and <c>shared[0..S)</c>; c_t and the term
    /// log c_t + m_t into the workspace.</summary>
    private static void StoreNormalised(
        HmmRecursionArguments a, ArrayView<double> shared, int row, double sum, double shift)
    {
        var s = a.States;
        for (var c = Group.IdxX; c < s; c += Group.DimX)
        {
            var alpha = shared[s + c] / sum;
            alpha = alpha < Negligible ? 0.0 : alpha;
            a.Work.Alpha[(row * s) + c] = alpha;
            shared[c] = alpha;
        }

        if (Group.IdxX == 0)
        {
            a.Work.Scale[row] = sum;
            a.Work.Terms[row] = DeviceMath.Log(sum) + shift;
        }
    }

    /// <summary>Unnormalised α̂_t(c) = e_t(c)·(π_c or Σ_r α̂_{t−1}(r) A_rc), the sum in state order, into
    /// <c>shared[S + c]</c>; α̂_{t−1} is read from <c>shared[0..S)</c>.</summary>
    private static void Predict(HmmRecursionArguments a, ArrayView<double> shared, int row, int t)
    {
        var s = a.States;
        for (var c = Group.IdxX; c < s; c += Group.DimX)
        {
            // Loaded before the dot product so its latency overlaps it.
            var emission = a.Work.Emissions[(row * s) + c];
            var predicted = t == 0 ? a.Model.Start[c] : 0.0;
            for (var r = 0; t > 0 && r < s; r++)
            {
                predicted += shared[r] * a.Model.Transitions[(r * s) + c];
            }

            shared[s + c] = predicted * emission;
        }
    }

    /// <summary>The backward pass: writes w_t over row t + 1 of the emissions for t = T−2 … 0.</summary>
    private static void Backward(HmmRecursionArguments a, ArrayView<double> shared, int first, int length)
    {
        var s = a.States;
        for (var c = Group.IdxX; c < s; c += Group.DimX)
        {
            shared[c] = 1.0;
        }

        Group.Barrier();
        for (var t = length - 2; t >= 0; t--)
        {
            var next = first + t + 1;
            var inverseScale = 1.0 / a.Work.Scale[next];
            for (var c = Group.IdxX; c < s; c += Group.DimX)
            {
                var weighted = a.Work.Emissions[(next * s) + c] * shared[c] * inverseScale;
                shared[s + c] = weighted;
                a.Work.Emissions[(next * s) + c] = weighted;
            }

            Group.Barrier();
            for (var r = Group.IdxX; r < s; r += Group.DimX)
            {
                var alpha = a.Work.Alpha[((first + t) * s) + r];
                var beta = 0.0;
                for (var c = 0; c < s; c++)
                {
                    beta += a.Model.Transitions[(r * s) + c] * shared[s + c];
                }

                shared[r] = alpha == 0.0 ? 0.0 : beta;
            }

            Group.Barrier();
        }
    }
}
