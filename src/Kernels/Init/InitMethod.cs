namespace AiMass.Kernels.Init;

/// <summary>How initial means are chosen when no <c>--init</c> model is given.</summary>
public enum InitMethod
{
    /// <summary>k-means++ seeding followed by a few Lloyd iterations (the default).</summary>
    KMeansPlusPlus,

    /// <summary>K distinct rows chosen uniformly, no Lloyd iterations.</summary>
    RandomFromData,
}
