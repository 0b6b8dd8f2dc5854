namespace AiMass.Kernels.Models;

/// <summary>
/// Parameters whose result document is not a model file (an inference job's outcome): <see cref="ModelFile.Serialize"/>
/// writes <see cref="ToJson"/> instead of parameters and fit metadata.
/// </summary>
public interface IModelFileDocument
{
    /// <summary>The result document, JSON text.</summary>
    string ToJson();
}
