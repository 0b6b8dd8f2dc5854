namespace AiMass.Coordinator.Api;

/// <summary>
/// The job manager singleton is not reachable now (the cluster is forming, or it is moving to another
/// coordinator): the API answers 503 with <c>Retry-After</c>.
/// </summary>
public sealed class JobManagerUnavailableException : Exception
{
    /// <summary>A refusal with a message for the user.</summary>
    public JobManagerUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>An empty refusal (for serializers and analyzers).</summary>
    public JobManagerUnavailableException()
    {
    }

    /// <summary>A refusal with a message and its cause.</summary>
    public JobManagerUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
