using AiMass.Kernels.Em;

namespace AiMass.Seed.Inference;

/// <summary>
/// An inference job's one pass as the "parameters" of a step: every partition applies <see cref="Model"/> to its rows
/// (<see cref="Task"/>), writes them as one .npy part in <see cref="Directory"/>, and answers with
/// <see cref="InferenceStatistics"/>. It travels through the same step protocol, checkpoints and serializer as a fit.
/// </summary>
/// <param name="Task">What to compute.</param>
/// <param name="Model">The saved model (mixture or HMM).</param>
/// <param name="Directory">Folder every node can write, where partition i writes <c>part-{i:D5}.npy</c>.</param>
public sealed class InferenceRequest(InferenceTask Task, ModelParameters Model, string Directory) : ModelParameters
{
    /// <summary>What to compute.</summary>
    public InferenceTask Task { get; } = Task;

    /// <summary>The saved model.</summary>
    public ModelParameters Model { get; } = Model ?? throw new ArgumentNullException(nameof(Model));

    /// <summary>Where the parts go.</summary>
    public string Directory { get; } = Directory ?? throw new ArgumentNullException(nameof(Directory));

    /// <inheritdoc />
    public override int Features => Model.Features;

    /// <inheritdoc />
    public override long FreeParameterCount => Model.FreeParameterCount;

    /// <summary>The part file of partition <paramref name="index"/>.</summary>
    public string PartPath(int index) => Path.Combine(Directory, $"part-{index:D5}.npy");
}
