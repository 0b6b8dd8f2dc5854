using System.Text.Json;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Models;

/// <summary>
/// The hidden-Markov-model file: hmmlearn's names and shapes — <c>emission</c> (gaussian | categorical),
/// <c>covariance_type</c> (full | diag, Gaussian only), <c>n_states</c> S, <c>n_features</c>, <c>startprob</c>
/// <c>[S]</c>, <c>transmat</c> <c>[S][S]</c>, and either <c>means</c> <c>[S][D]</c> with <c>covariances</c>
/// <c>[S][D][D]</c> (full) | <c>[S][D]</c> (diag), or <c>emissionprob</c> <c>[S][M]</c>.
/// </summary>
/// <remarks>
/// <c>n_features</c> has hmmlearn's meaning: D for Gaussian emissions, but the number of symbols M for categorical
/// emissions (<c>CategoricalHMM.n_features</c>), although the data then have one column. <c>n_states</c>,
/// <c>n_features</c> and <c>covariance_type</c> may be left out (S and D or M come from the arrays;
/// covariance_type defaults to diag, hmmlearn's default); when present they must agree with the arrays.
/// </remarks>
public static class HmmModelFile
{
    /// <summary>
    /// Reads the parameters from a parsed model file; errors name <paramref name="file"/> and the field.
    /// </summary>
    public static HmmParameters Read(JsonElement root, string file)
    {
        using var fields = ModelFields.Of(root);
        return Read(fields, file);
    }

    /// <summary>
    /// Reads the parameters from a model file's fields; errors name <paramref name="file"/> and the field.
    /// </summary>
    public static HmmParameters Read(ModelFields fields, string file)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var root = fields.Root;
        var emissionName = JsonArrays.ReadString(root, "emission", file);
        HmmEmission emission;
        try
        {
            emission = HmmEmissions.Parse(
                emissionName, root.TryGetProperty("covariance_type", out _)
                    ? JsonArrays.ReadString(root, "covariance_type", file)
                    : null);
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException($"{file}: {e.Message}", e);
        }

        var start = fields.ReadFlat("startprob", file, -1);
        var s = start.Length;
        if (s == 0)
        {
            throw new InvalidInputException($"{file}: \"startprob\" is empty; an HMM needs at least one state.");
        }

        if (JsonArrays.ReadInt(root, "n_states", file, s) != s)
        {
            throw new InvalidInputException($"{file}: n_states does not match the {s} entries of startprob.");
        }

        var transitions = fields.ReadFlat("transmat", file, s, s);
        return emission == HmmEmission.Categorical
            ? ReadCategorical(fields, file, start, transitions)
            : ReadGaussian(fields, file, emission, start, transitions);
    }

    /// <summary>Writes the parameter fields (kind, emission, shapes, probabilities, emission parameters).</summary>
    public static void WriteParameters(Utf8JsonWriter writer, HmmParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(parameters);
        int s = parameters.States, d = parameters.Features;
        writer.WriteString("kind", "hmm");
        writer.WriteString("emission", parameters.Emission.Name());
        if (parameters.Emission.IsGaussian())
        {
            writer.WriteString("covariance_type", parameters.Emission.CovarianceType().Name());
        }

        writer.WriteNumber("n_states", s);
        writer.WriteNumber("n_features", parameters.Emission.IsGaussian() ? d : parameters.Symbols);
        JsonArrays.WriteNested(writer, "startprob", parameters.StartProbabilities.AsSpan(), s);
        JsonArrays.WriteNested(writer, "transmat", parameters.Transitions.AsSpan(), s, s);
        switch (parameters.Emission)
        {
            case HmmEmission.GaussianFull:
                JsonArrays.WriteNested(writer, "means", parameters.Means.AsSpan(), s, d);
                JsonArrays.WriteNested(writer, "covariances", parameters.Covariances.AsSpan(), s, d, d);
                break;
            case HmmEmission.GaussianDiag:
                JsonArrays.WriteNested(writer, "means", parameters.Means.AsSpan(), s, d);
                JsonArrays.WriteNested(writer, "covariances", parameters.Covariances.AsSpan(), s, d);
                break;
            default:
                JsonArrays.WriteNested(
                    writer, "emissionprob", parameters.EmissionProbabilities.AsSpan(), s, parameters.Symbols);
                break;
        }
    }

    private static HmmParameters ReadGaussian(
        ModelFields fields, string file, HmmEmission emission, double[] start, double[] transitions)
    {
        var root = fields.Root;
        var s = start.Length;
        var means = fields.ReadFlat("means", file, s, -1);
        var d = means.Length / s;
        if (JsonArrays.ReadInt(root, "n_features", file, d) != d)
        {
            throw new InvalidInputException($"{file}: n_features does not match the {d} columns of means.");
        }

        var type = emission.CovarianceType();
        var covariances = type == CovarianceType.Full
            ? fields.ReadFlat("covariances", file, s, d, d)
            : fields.ReadFlat("covariances", file, s, d);
        try
        {
            return HmmParameters.CreateGaussian(type, start, transitions, means, covariances, d);
        }
        catch (DegenerateComponentException e)
        {
            throw new InvalidInputException(
                $"{file}: the covariance of state {e.Component} is not symmetric positive definite.", e);
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException($"{file}: {e.Message}", e);
        }
    }

    private static HmmParameters ReadCategorical(
        ModelFields fields, string file, double[] start, double[] transitions)
    {
        var root = fields.Root;
        var s = start.Length;
        var table = fields.ReadFlat("emissionprob", file, s, -1);
        var m = table.Length / s;
        if (JsonArrays.ReadInt(root, "n_features", file, m) != m)
        {
            throw new InvalidInputException(
                $"{file}: n_features does not match the {m} columns of emissionprob; for a categorical HMM " +
                "n_features is the number of symbols M (hmmlearn's meaning).");
        }

        try
        {
            return HmmParameters.CreateCategorical(start, transitions, table, m);
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException($"{file}: {e.Message}", e);
        }
    }
}
