using System.CommandLine;
using AiMass.Kernels;
using AiMass.Seed.Hosting;

namespace AiMass.Coordinator.Cli;

/// <summary>The coordinator's <c>--keep-jobs</c> and <c>--keep-days</c>: how many finished jobs its store keeps.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>--keep-jobs.</summary>
    public Option<int?> KeepJobs { get; } = new("--keep-jobs")
    {
        Description = "Finished jobs to keep, newest first; older ones are deleted at start and every hour " +
            "(default 1000; 0 keeps any number; running jobs are never deleted)",
    };

    /// <summary>--keep-days.</summary>
    public Option<double?> KeepDays { get; } = new("--keep-days")
    {
        Description = "Delete finished jobs that ended more than this many days ago (default 30; 0 keeps them)",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(KeepJobs);
        command.Options.Add(KeepDays);
    }

    /// <summary>The settings with the flags given on top; negative values are bad input.</summary>
    public NodeSettings Apply(ParseResult parse, NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(settings);
        settings = settings with
        {
            KeepJobs = parse.GetValue(KeepJobs) ?? settings.KeepJobs,
            KeepDays = parse.GetValue(KeepDays) ?? settings.KeepDays,
        };
        if (settings.KeepJobs < 0)
        {
            throw new InvalidInputException($"--keep-jobs {settings.KeepJobs} must be 0 (no limit) or more.");
        }

        if (!(settings.KeepDays >= 0) || double.IsInfinity(settings.KeepDays))
        {
            throw new InvalidInputException($"--keep-days {settings.KeepDays} must be 0 (no limit) or a positive " +
                "number of days.");
        }

        return settings;
    }
}
