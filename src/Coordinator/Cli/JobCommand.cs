using System.CommandLine;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// A client command about one job (status, logs, watch, cancel, result, jobs delete): its <c>JOB</c> argument and the
/// client options, already added to the command.
/// </summary>
/// <param name="Command">The command.</param>
/// <param name="Job">The job id argument.</param>
/// <param name="Client">The client options.</param>
public sealed record JobCommand(Command Command, Argument<string> Job, ClientOptions Client)
{
    /// <summary>Creates the command <paramref name="name"/> with the JOB argument and the client options (with
    /// <c>--json</c> unless <paramref name="withJson"/> is false).</summary>
    public static JobCommand Create(string name, string description, bool withJson = true)
    {
        var command = new Command(name, description);
        var job = new Argument<string>("JOB") { Description = "Job id (see 'aimass jobs')" };
        var client = new ClientOptions();
        command.Arguments.Add(job);
        client.AddTo(command, withJson);
        return new JobCommand(command, job, client);
    }
}
