namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// One compute thread's buffers for one HMM shape: per-sequence arrays that grow to the longest sequence seen
/// (O(T·Sp) — the emissions and α̂/γ, never T·S²), the tile buffers of the Gaussian kernels, and the float64
/// statistics of the block being computed.
/// </summary>
internal sealed class HmmWorkspace<T>
    where T : unmanaged
{
    private readonly PreparedHmm<T> _shape;

    /// <summary>Allocates buffers for <paramref name="model"/>'s shape (sequence arrays on first use).</summary>
    public HmmWorkspace(PreparedHmm<T> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _shape = model;
        var sp = model.PaddedStates;
        Tile = model.Mixture is { } mixture ? new TileWorkspace<T>(mixture.Layout) : null;
        Raw = new double[MixtureLayout.TileRows];
        TileDensities = new double[model.States * MixtureLayout.TileRows];
        TileShifts = new double[MixtureLayout.TileRows];
        Beta = new double[sp];
        TileGamma = new double[MixtureLayout.TileRows * sp];
        TileWeighted = new double[MixtureLayout.TileRows * sp];
        Block = new HmmBlockStatistics(model.States, sp, model.Parameters.Symbols, model.Mixture?.Layout);
    }

    /// <summary>Gaussian: the mixture kernels' tile buffers; null for categorical.</summary>
    public TileWorkspace<T>? Tile { get; }

    /// <summary>Categorical: one tile of raw symbol values.</summary>
    public double[] Raw { get; }

    /// <summary>Gaussian: log b_s(x_t), then e_t(s), of one tile, state-major <c>[S × TileRows]</c>.</summary>
    public double[] TileDensities { get; }

    /// <summary>Gaussian: m_t of one tile, <c>[TileRows]</c>.</summary>
    public double[] TileShifts { get; }

    /// <summary>Shifted emissions e_t = exp(log b_t − m_t), <c>[T × Sp]</c>.</summary>
    public double[] Emissions { get; private set; } = [];

    /// <summary>The forward variables α̂_t, <c>[T × Sp]</c>.</summary>
    public double[] Alpha { get; private set; } = [];

    /// <summary>Scaling factors c_t, <c>[T]</c>.</summary>
    public double[] Scale { get; private set; } = [];

    /// <summary>Emission shifts m_t = max_s log b_t(s), <c>[T]</c>.</summary>
    public double[] Shift { get; private set; } = [];

    /// <summary>Categorical: the symbols x_t, <c>[T]</c>.</summary>
    public int[] Symbols { get; private set; } = [];

    /// <summary>β̂ of the step the backward pass is at, <c>[Sp]</c>.</summary>
    public double[] Beta { get; }

    /// <summary>γ_t of the tile the backward pass has just finished, <c>[TileRows × Sp]</c>.</summary>
    public double[] TileGamma { get; }

    /// <summary>w_t = e_{t+1} ⊙ β̂_{t+1} / c_{t+1} of that tile, <c>[TileRows × Sp]</c>.</summary>
    public double[] TileWeighted { get; }

    /// <summary>float64 statistics of the block being computed.</summary>
    public HmmBlockStatistics Block { get; }

    /// <summary>True when this workspace was made for <paramref name="model"/>'s shape.</summary>
    public bool Fits(PreparedHmm<T> model) => _shape.SameShape(model);

    /// <summary>Makes the sequence arrays hold at least <paramref name="length"/> steps.</summary>
    public void Reserve(int length)
    {
        if (Scale.Length >= length)
        {
            return;
        }

        var cells = checked(length * _shape.PaddedStates);
        Emissions = new double[cells];
        Alpha = new double[cells];
        Scale = new double[length];
        Shift = new double[length];
        Symbols = _shape.Mixture is null ? new int[length] : [];
    }
}
