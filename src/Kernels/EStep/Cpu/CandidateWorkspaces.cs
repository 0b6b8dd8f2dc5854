namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// One compute thread's buffers for a fused candidate pass: the loader workspace the tile is read into (a shape
/// that only fixes D: the tile format does not depend on K or the covariance type), and one
/// <see cref="TileWorkspace{T}"/> per member, which points at the loaded tile and keeps that member's kernel scratch
/// and block statistics. Member workspaces are pooled by shape across passes, as candidates leave.
/// </summary>
internal sealed class CandidateWorkspaces<T>(MixtureLayout tileShape)
    where T : unmanaged
{
    private readonly Dictionary<MixtureLayout, List<TileWorkspace<T>>> _pool = [];

    /// <summary>The shape of the tile (D and the register width).</summary>
    public MixtureLayout TileShape { get; } = tileShape;

    /// <summary>The workspace tiles are loaded into.</summary>
    public TileWorkspace<T> Loader { get; } = new(tileShape);

    /// <summary>One distinct workspace per member, in member order (equal shapes get different workspaces).</summary>
    public TileWorkspace<T>[] For(IReadOnlyList<MixtureLayout> layouts)
    {
        ArgumentNullException.ThrowIfNull(layouts);
        var used = new Dictionary<MixtureLayout, int>();
        var result = new TileWorkspace<T>[layouts.Count];
        for (var m = 0; m < result.Length; m++)
        {
            var layout = layouts[m];
            if (!_pool.TryGetValue(layout, out var list))
            {
                _pool[layout] = list = [];
            }

            var index = used.GetValueOrDefault(layout);
            used[layout] = index + 1;
            if (index == list.Count)
            {
                list.Add(new TileWorkspace<T>(layout));
            }

            result[m] = list[index];
        }

        return result;
    }
}
