namespace AiMass.Seed.Data;

/// <summary>
/// This node cannot open a job's dataset (missing file or mount, permissions, a header it reads differently from
/// the coordinator). Unlike bad data, which fails the job everywhere, it concerns one node: the job leaves the node
/// out and computes its partitions elsewhere, and fails only when no node can read the data.
/// </summary>
public sealed class DatasetUnreadableException : Exception
{
    /// <summary>An empty exception (for serializers).</summary>
    public DatasetUnreadableException()
    {
    }

    /// <summary>With a message for the user.</summary>
    public DatasetUnreadableException(string message)
        : base(message)
    {
    }

    /// <summary>With a message for the user and the underlying error.</summary>
    public DatasetUnreadableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
