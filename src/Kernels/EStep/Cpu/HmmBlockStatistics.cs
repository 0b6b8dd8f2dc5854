namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// float64 statistics of one block of sequences in the kernels' padded layout (or a partition's running total):
/// start counts Σ γ_0 <c>[Sp]</c>, occupancies Σ γ_t <c>[Sp]</c>, the transition sums P = Σ_t α̂_t w_tᵀ
/// <c>[S × Sp]</c> (counts A ⊙ P), categorical counts Σ_{t: x_t = m} γ_t <c>[M × Sp]</c> (symbol-major), the
/// Gaussian moments of ẑ = x' − ĉ_s as the mixture kernels lay them out, Σ log p(sequence) and the number of
/// sequences.
/// </summary>
internal sealed class HmmBlockStatistics
{
    /// <summary>Zero statistics for S states padded to Sp, M symbols and the moments layout (null: categorical).
    /// </summary>
    public HmmBlockStatistics(int states, int paddedStates, int symbols, MixtureLayout? moments)
    {
        Start = new double[paddedStates];
        Posterior = new double[paddedStates];
        Pairs = new double[states * paddedStates];
        SymbolCounts = new double[symbols * paddedStates];
        Moments = moments is null ? null : new BlockStatistics(moments);
    }

    /// <summary>Σ_seq γ_0.</summary>
    public double[] Start { get; }

    /// <summary>Σ_t γ_t.</summary>
    public double[] Posterior { get; }

    /// <summary>P[r, s] = Σ_t α̂_t(r) w_t(s), w_t = e_{t+1} ⊙ β̂_{t+1} / c_{t+1}.</summary>
    public double[] Pairs { get; }

    /// <summary>Categorical: Σ_{t: x_t = m} γ_t(s) at <c>[m × Sp + s]</c>.</summary>
    public double[] SymbolCounts { get; }

    /// <summary>Gaussian: S1 and S2 of ẑ (the N and weight fields are unused); null for categorical.</summary>
    public BlockStatistics? Moments { get; }

    /// <summary>Σ log p(sequence).</summary>
    public double LogLikelihood { get; set; }

    /// <summary>Number of sequences.</summary>
    public long Sequences { get; set; }

    /// <summary>Adds <paramref name="block"/> element by element (the fixed-order merge).</summary>
    public void Add(HmmBlockStatistics block)
    {
        ArgumentNullException.ThrowIfNull(block);
        AddArray(Start, block.Start);
        AddArray(Posterior, block.Posterior);
        AddArray(Pairs, block.Pairs);
        AddArray(SymbolCounts, block.SymbolCounts);
        if (Moments is not null && block.Moments is not null)
        {
            Moments.Add(block.Moments);
        }

        LogLikelihood += block.LogLikelihood;
        Sequences += block.Sequences;
    }

    /// <summary>Resets every value to zero.</summary>
    public void Clear()
    {
        Array.Clear(Start);
        Array.Clear(Posterior);
        Array.Clear(Pairs);
        Array.Clear(SymbolCounts);
        Moments?.Clear();
        LogLikelihood = 0;
        Sequences = 0;
    }

    private static void AddArray(double[] total, double[] part)
    {
        for (var i = 0; i < total.Length; i++)
        {
            total[i] += part[i];
        }
    }
}
