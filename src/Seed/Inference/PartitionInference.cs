using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Data;

namespace AiMass.Seed.Inference;

/// <summary>
/// One partition of an inference job on a worker: the same per-row computations as <c>aimass predict|score|decode</c>
/// (float64, row by row, so every output equals the local command's bit for bit), written as one .npy part (int32 or
/// float64, 1-D, or <c>[rows × K]</c> for responsibilities) through a temporary file renamed into place, so a re-asked
/// partition replaces its part whole.
/// </summary>
public static class PartitionInference
{
    /// <summary>Computes and writes partition <paramref name="partition"/>'s outputs.</summary>
    public static InferenceStatistics Run(
        InferenceRequest request, DataPartition partition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(partition);
        System.IO.Directory.CreateDirectory(request.Directory);
        var path = request.PartPath(partition.Index);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var (outputs, logLikelihood) = request.Model switch
            {
                GaussianMixtureParameters gmm => Mixture(request.Task, gmm, partition, temporary, cancellationToken),
                HmmParameters hmm => Hmm(request.Task, hmm, partition, temporary, cancellationToken),
                _ => throw new InvalidInputException("inference takes a Gaussian-mixture or HMM model."),
            };
            File.Move(temporary, path, overwrite: true);
            return new InferenceStatistics(partition.RowCount, outputs, logLikelihood, 1);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static (long, double) Mixture(
        InferenceTask task, GaussianMixtureParameters gmm, DataPartition partition, string path, CancellationToken ct)
    {
        if (task is not (InferenceTask.Predict or InferenceTask.PredictProba or InferenceTask.Score))
        {
            throw new InvalidInputException("decode takes an HMM model; use predict for Gaussian mixtures.");
        }

        var rows = partition.RowCount;
        using var writer = task switch
        {
            InferenceTask.Predict => NpyWriter.CreateVector(path, NpyDataType.Int32, rows),
            InferenceTask.PredictProba => NpyWriter.Create(path, NpyDataType.Float64, rows, gmm.Components),
            _ => NpyWriter.CreateVector(path, NpyDataType.Float64, rows),
        };
        var total = 0.0;
        GaussianMixtureScorer.ForEachChunk(partition.Rows, gmm, ct, (_, n, logLikelihoods, responsibilities, labels) =>
        {
            for (var i = 0; i < n; i++)
            {
                total += logLikelihoods[i];
            }

            if (task == InferenceTask.Predict)
            {
                writer.WriteRows(labels.AsSpan(0, n));
            }
            else if (task == InferenceTask.PredictProba)
            {
                writer.WriteRows(responsibilities.AsSpan(0, n * gmm.Components));
            }
            else
            {
                writer.WriteRows(logLikelihoods.AsSpan(0, n));
            }
        });
        writer.Complete();
        return (rows, total);
    }

    private static (long, double) Hmm(
        InferenceTask task, HmmParameters hmm, DataPartition partition, string path, CancellationToken ct)
    {
        if (task == InferenceTask.Score)
        {
            var scores = HmmScorer.Score(partition, hmm, ct);
            using var scoreWriter = NpyWriter.CreateVector(path, NpyDataType.Float64, scores.Length);
            scoreWriter.WriteRows(scores);
            scoreWriter.Complete();
            return (scores.Length, scores.Sum());
        }

        var decoded = task switch
        {
            InferenceTask.DecodeViterbi => Viterbi.Decode(partition, hmm, ct),
            InferenceTask.DecodeMap => PosteriorDecoder.Decode(partition, hmm, ct),
            _ => throw new InvalidInputException("predict takes a Gaussian-mixture model; use decode for HMMs."),
        };
        using var writer = NpyWriter.CreateVector(path, NpyDataType.Int32, decoded.States.Length);
        writer.WriteRows(decoded.States);
        writer.Complete();
        return (decoded.States.Length, decoded.SequenceLogProbabilities.Sum());
    }
}
