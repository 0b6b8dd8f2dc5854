using System.Diagnostics;
using System.Globalization;
using AiMass.Kernels.Em;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Serialization;

namespace AiMass.Bench.Scale;

/// <summary>
/// The coordinator's own serial work per iteration, timed in this process without the cluster around it: encoding
/// the parameters once, folding its <c>width</c> children's answers (each the sum of its share of the partitions)
/// into the step's total, rounding the total, the M-step, and the checkpoint's encoding.
/// </summary>
public static class SerialWork
{
    /// <summary>Times each piece (median of <paramref name="repeats"/>) and prints one line.</summary>
    public static void Print(CovarianceType type, int k, int d, int partitions, int children, int repeats = 7)
    {
        var layout = new GaussianMixtureStatisticsLayout(type, k, d);
        var answers = Enumerable.Range(0, children).Select(c =>
        {
            var sum = new StatisticsSum(layout);
            for (var p = c; p < partitions; p += children)
            {
                sum.Add(SyntheticStatisticsBackend.Make(type, k, d, p, 4));
            }

            return StatisticsSumCodec.Encode(sum);
        }).ToArray();
        var previous = Unit(type, k, d);
        StatisticsSum? total = null;
        SufficientStatistics? rounded = null;
        ModelParameters? next = null;
        var encode = Median(repeats, () => StepCodec.EncodeParameters(previous));
        var fold = Median(repeats, () =>
        {
            total = new StatisticsSum(layout);
            foreach (var answer in answers)
            {
                StatisticsSumCodec.FoldInto(answer, total);
            }
        });
        var round = Median(repeats, () => rounded = total!.Total());
        var mstep = Median(repeats, () => next = new GaussianMixtureMStep().MStep(rounded!, previous));
        var state = new EmFitState(
            EmPhase.Iterating, new EmRunState(0, next!, [], false), null, []);
        var checkpoint = Median(repeats, () => FitStateCodec.Encode(state));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"coordinator serial work per iteration (in-process, median of {repeats}): encode parameters " +
            $"{encode:F2} ms, fold {children} answers of {answers[0].Length / 1e6:F2} MB {fold:F2} ms, round the " +
            $"total {round:F2} ms, M-step {mstep:F2} ms, encode the checkpoint {checkpoint:F2} ms; total " +
            $"{encode + fold + round + mstep + checkpoint:F1} ms"));
    }

    /// <summary>Equal weights, zero means, unit covariances.</summary>
    private static GaussianMixtureParameters Unit(CovarianceType type, int k, int d)
    {
        var blocks = type switch { CovarianceType.Full => k, CovarianceType.Tied => 1, _ => 0 };
        var covariances = new double[GaussianMixtureStatistics.SecondMomentLength(type, k, d) / (blocks == 0 &&
            type == CovarianceType.Spherical ? d : 1)];
        if (blocks == 0)
        {
            Array.Fill(covariances, 1.0);
        }

        for (var b = 0; b < blocks; b++)
        {
            for (var i = 0; i < d; i++)
            {
                covariances[(b * d * d) + (i * d) + i] = 1;
            }
        }

        return GaussianMixtureParameters.Create(
            type, Enumerable.Repeat(1.0 / k, k).ToArray(), new double[k * d], covariances, d);
    }

    private static double Median(int repeats, Action action)
    {
        action();
        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var started = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[repeats / 2];
    }
}
