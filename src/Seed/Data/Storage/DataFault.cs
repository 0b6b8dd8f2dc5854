namespace AiMass.Seed.Data.Storage;

/// <summary>What went wrong reading a dataset from where it is stored.</summary>
public enum DataFault
{
    /// <summary>The file, object or bucket does not exist (here).</summary>
    Missing,

    /// <summary>Permission denied, no credentials, or credentials the store rejects.</summary>
    AccessDenied,

    /// <summary>The store did not answer (connection refused, timeouts, server errors) after every retry.</summary>
    Unreachable,

    /// <summary>The store kept asking to slow down (HTTP 503 SlowDown) after every retry.</summary>
    Throttled,

    /// <summary>The object changed since the job was planned (another ETag or size).</summary>
    Changed,

    /// <summary>The object is shorter than its format says.</summary>
    Truncated,
}
