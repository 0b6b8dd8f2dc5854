using AiMass.Kernels;

namespace AiMass.Seed.Data.Storage;

/// <summary>
/// A dataset could not be read from where it is stored: a user error (exit code 2) whose message names the
/// location and the remedy and never a credential. <see cref="OtherNodesMayRead"/> tells a cluster whether the
/// failure may be this node's alone (its mount, its credentials, its network), so the job can go on without it.
/// </summary>
public sealed class DataAccessException : InvalidInputException
{
    /// <summary>An error about <paramref name="location"/> with a message for the user.</summary>
    public DataAccessException(DataFault fault, string location, string message, Exception? inner = null)
        : base(message, inner ?? new IOException(fault.ToString()))
    {
        Fault = fault;
        Location = location;
    }

    /// <summary>An error without details (prefer the other constructor).</summary>
    public DataAccessException()
    {
        Location = "";
    }

    /// <summary>An error with a message only (prefer the other constructor).</summary>
    public DataAccessException(string message)
        : base(message)
    {
        Location = "";
    }

    /// <summary>An error with a message and a cause (prefer the other constructor).</summary>
    public DataAccessException(string message, Exception inner)
        : base(message, inner)
    {
        Location = "";
    }

    /// <summary>What went wrong.</summary>
    public DataFault Fault { get; }

    /// <summary>The file or <c>s3://</c> URI concerned (never with credentials).</summary>
    public string Location { get; }

    /// <summary>
    /// True when the failure may be this node's alone (missing here, denied here, store unreachable or throttled
    /// from here): another node may still read the data. False when the data themselves are wrong (changed since
    /// planning, truncated): every node would fail the same way.
    /// </summary>
    public bool OtherNodesMayRead => Fault is DataFault.Missing or DataFault.AccessDenied or DataFault.Unreachable
        or DataFault.Throttled;
}
