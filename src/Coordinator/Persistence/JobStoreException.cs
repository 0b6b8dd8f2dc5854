namespace AiMass.Coordinator.Persistence;

/// <summary>
/// The job store could not complete an operation (a full disk, a read-only file, a lost or refusing database). The
/// message names the store (path, or server without credentials) and the cause; a running coordinator pauses the
/// job and retries the write with backoff rather than failing it.
/// </summary>
public sealed class JobStoreException : Exception
{
    /// <summary>A store failure described by <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public JobStoreException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>A store failure described by <paramref name="message"/>.</summary>
    public JobStoreException(string message)
        : base(message)
    {
    }

    /// <summary>A store failure without a description (prefer the constructors that say what failed).</summary>
    public JobStoreException()
    {
    }
}
