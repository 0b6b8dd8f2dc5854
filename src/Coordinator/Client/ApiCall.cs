namespace AiMass.Coordinator.Client;

/// <summary>One API call's method, path, deadline and the caller's cancellation.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path relative to the API's base address.</param>
/// <param name="Timeout">How long the call may take, retries included.</param>
/// <param name="Cancellation">The caller's cancellation (Ctrl-C).</param>
/// <param name="Deadline">Cancelled at the timeout or with the caller's.</param>
internal sealed record ApiCall(
    HttpMethod Method, string Path, TimeSpan Timeout, CancellationToken Cancellation, CancellationToken Deadline);
