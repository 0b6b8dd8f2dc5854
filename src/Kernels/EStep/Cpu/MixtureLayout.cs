using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The padded shapes the CPU kernels work in, for one mixture shape and one register width W.
/// Rows are processed in tiles of <see cref="TileRows"/>; tiles are grouped into blocks of <see cref="BlockRows"/>,
/// the unit of work and of the ordered float64 reduction (both constants, so results never depend on threads).
/// </summary>
internal sealed record MixtureLayout(CovarianceType Type, int Components, int Features, int Width)
{
    /// <summary>Rows per tile: a multiple of 3·W and 4·W for every W in {1, 4, 8, 16}, small enough for L2.</summary>
    public const int TileRows = 192;

    /// <summary>Rows per block (16 tiles): statistics are summed per block and blocks are merged in order.</summary>
    public const int BlockRows = 16 * TileRows;

    /// <summary>Number of blocks that cover <paramref name="rows"/> rows.</summary>
    public static int Blocks(long rows) => checked((int)((rows + BlockRows - 1) / BlockRows));

    /// <summary>D rounded up to a whole number of registers: the row stride of row-major tiles.</summary>
    public int PaddedFeatures { get; } = RoundUp(Features, Width);

    /// <summary>D rounded up to a multiple of 8: column padding of U (8-column kernel blocks) and the height of
    /// feature-major tiles (8-row moment blocks).</summary>
    public int Height { get; } = RoundUp(Features, 8);

    /// <summary>K rounded up to a multiple of 4 (the diagonal density kernel handles 4 components at a time).</summary>
    public int PaddedComponents { get; } = RoundUp(Components, 4);

    /// <summary>Registers per row-major row.</summary>
    public int VectorsPerRow => PaddedFeatures / Width;

    /// <summary>Length of the float64 second-moment accumulator: full K·Dp·Dp, tied Dp·Dp, diag/spherical K·Dp.
    /// </summary>
    public int SecondMomentLength => Type switch
    {
        CovarianceType.Full => Components * PaddedFeatures * PaddedFeatures,
        CovarianceType.Tied => PaddedFeatures * PaddedFeatures,
        _ => Components * PaddedFeatures,
    };

    /// <summary>The smallest multiple of <paramref name="step"/> not below <paramref name="value"/>.</summary>
    public static int RoundUp(int value, int step) => (value + step - 1) / step * step;
}
