using System.Globalization;

namespace AiMass.Kernels.Data;

/// <summary>
/// Partial labels (semi-supervised EM): a labelled row's posterior is clamped to its label by masking the other
/// components' (states') log-densities to −∞ before the log-sum-exp, so its log-likelihood term becomes
/// log(π_y p(x | y)) and its responsibilities one-hot (HMMs: forward-backward then runs on the constrained paths).
/// </summary>
public static class PartitionLabels
{
    /// <summary>
    /// Reads the labels of rows <c>[first, first + count)</c> of <paramref name="partition"/> into
    /// <paramref name="target"/>, checking each is an integer in [−1, <paramref name="classes"/>).
    /// </summary>
    public static void Read(DataPartition partition, long first, int count, int classes, Span<int> target)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var labels = partition.Labels ?? throw new InvalidOperationException("The partition has no labels.");
        var values = new double[count];
        labels.Read(first, count, values);
        var origin = labels is RowSlice slice ? slice.FirstRow : 0;
        for (var i = 0; i < count; i++)
        {
            var v = values[i];
            if (v != Math.Floor(v) || v < -1 || v >= classes)
            {
                throw new InvalidInputException(
                    $"{labels.Name} row {origin + first + i}: label {v.ToString("R", CultureInfo.InvariantCulture)} " +
                    $"is not -1 (unknown) or a {(classes == 1 ? "class 0" : $"class 0..{classes - 1}")} of the " +
                    $"model's {classes}; fix the labels or the number of components/states.");
            }

            target[i] = (int)v;
        }
    }

    /// <summary>
    /// For each row t with a label y ≥ 0, sets <paramref name="logValues"/>[t, k] (<c>[rows × classes]</c>) to −∞ for
    /// every k ≠ y.
    /// </summary>
    public static void Mask(ReadOnlySpan<int> labels, Span<double> logValues, int classes)
    {
        for (var t = 0; t < labels.Length; t++)
        {
            if (labels[t] < 0)
            {
                continue;
            }

            var row = logValues.Slice(t * classes, classes);
            for (var k = 0; k < classes; k++)
            {
                if (k != labels[t])
                {
                    row[k] = double.NegativeInfinity;
                }
            }
        }
    }
}
