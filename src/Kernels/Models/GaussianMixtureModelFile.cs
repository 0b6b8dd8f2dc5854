using System.Text.Json;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Models;

/// <summary>
/// The Gaussian-mixture model file: scikit-learn's names and shapes (<c>weights</c>, <c>means</c>,
/// <c>covariances</c>, <c>converged</c>, <c>n_iter</c>, <c>lower_bound</c>), see ARCHITECTURE.md.
/// </summary>
public static class GaussianMixtureModelFile
{
    /// <summary>
    /// Reads the parameters from a parsed model file; errors name <paramref name="file"/> and the field.
    /// </summary>
    public static GaussianMixtureParameters Read(JsonElement root, string file)
    {
        using var fields = ModelFields.Of(root);
        return Read(fields, file);
    }

    /// <summary>
    /// Reads the parameters from a model file's fields; errors name <paramref name="file"/> and the field.
    /// </summary>
    public static GaussianMixtureParameters Read(ModelFields fields, string file)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var root = fields.Root;
        var type = CovarianceTypes.Parse(JsonArrays.ReadString(root, "covariance_type", file));
        var weights = fields.ReadFlat("weights", file, -1);
        var k = weights.Length;
        var means = fields.ReadFlat("means", file, k, -1);
        var d = means.Length / Math.Max(k, 1);
        if (JsonArrays.ReadInt(root, "n_components", file, k) != k)
        {
            throw new InvalidInputException($"{file}: n_components does not match the {k} weights.");
        }

        if (JsonArrays.ReadInt(root, "n_features", file, d) != d)
        {
            throw new InvalidInputException($"{file}: n_features does not match the {d} columns of means.");
        }

        var covariances = type switch
        {
            CovarianceType.Full => fields.ReadFlat("covariances", file, k, d, d),
            CovarianceType.Tied => fields.ReadFlat("covariances", file, d, d),
            CovarianceType.Diag => fields.ReadFlat("covariances", file, k, d),
            _ => fields.ReadFlat("covariances", file, k),
        };
        try
        {
            return GaussianMixtureParameters.Create(type, weights, means, covariances, d);
        }
        catch (DegenerateComponentException e)
        {
            throw new InvalidInputException(
                $"{file}: the covariance of component {e.Component} is not symmetric positive definite.");
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException($"{file}: {e.Message}");
        }
    }

    /// <summary>Writes the parameter fields (kind, shapes, weights, means, covariances).</summary>
    public static void WriteParameters(Utf8JsonWriter writer, GaussianMixtureParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(parameters);
        int k = parameters.Components, d = parameters.Features;
        writer.WriteString("kind", "gmm");
        writer.WriteString("covariance_type", parameters.CovarianceType.Name());
        writer.WriteNumber("n_components", k);
        writer.WriteNumber("n_features", d);
        JsonArrays.WriteNested(writer, "weights", parameters.Weights.AsSpan(), k);
        JsonArrays.WriteNested(writer, "means", parameters.Means.AsSpan(), k, d);
        var covariances = parameters.Covariances.AsSpan();
        switch (parameters.CovarianceType)
        {
            case CovarianceType.Full:
                JsonArrays.WriteNested(writer, "covariances", covariances, k, d, d);
                break;
            case CovarianceType.Tied:
                JsonArrays.WriteNested(writer, "covariances", covariances, d, d);
                break;
            case CovarianceType.Diag:
                JsonArrays.WriteNested(writer, "covariances", covariances, k, d);
                break;
            default:
                JsonArrays.WriteNested(writer, "covariances", covariances, k);
                break;
        }
    }
}
