namespace AiMass.Kernels.Hmm;

/// <summary>
/// hmmlearn's parameter letters, for <c>--params</c> (what the M-step updates) and <c>--init-params</c> (what is
/// initialised from the data): s start probabilities, t transition matrix, m means, c covariances (Gaussian),
/// e emission probabilities (categorical).
/// </summary>
public static class HmmParamLetters
{
    /// <summary>Every letter a Gaussian HMM has.</summary>
    public const string Gaussian = "stmc";

    /// <summary>Every letter a categorical HMM has.</summary>
    public const string Categorical = "ste";

    /// <summary>All letters of the emission kind.</summary>
    public static string All(bool categorical) => categorical ? Categorical : Gaussian;

    /// <summary>
    /// <paramref name="letters"/> checked against the emission kind and put in canonical order (null: all of them).
    /// Throws <see cref="InvalidInputException"/> naming <paramref name="option"/> and the bad letter.
    /// </summary>
    public static string Parse(string? letters, bool categorical, string option)
    {
        var all = All(categorical);
        if (letters is null)
        {
            return all;
        }

        foreach (var letter in letters)
        {
            if (!all.Contains(letter, StringComparison.Ordinal))
            {
                throw new InvalidInputException(
                    $"{option} {Input.Excerpt.Of(letters)}: '{letter}' is not a parameter of a " +
                    $"{(categorical ? "categorical" : "gaussian")} HMM; use letters of '{all}' " +
                    "(s startprob, t transmat, " + (categorical ? "e emissionprob)." : "m means, c covars)."));
            }
        }

        return string.Concat(all.Where(letters.Contains));
    }
}
