namespace AiMass.Coordinator.Cli;

/// <summary>Where a command writes: standard output for results and progress, standard error for problems.</summary>
/// <param name="Out">Results and progress.</param>
/// <param name="Error">One-line error messages and warnings.</param>
/// <param name="Cancellation">Cancelled by Ctrl-C / SIGTERM.</param>
public sealed record CliContext(TextWriter Out, TextWriter Error, CancellationToken Cancellation);
