using System.CommandLine;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// HMM constraints with hmmlearn's meanings: <c>--topology left-right</c> (structural zeros in startprob and
/// transmat), <c>--params</c> (the parameters Baum-Welch updates; the others keep their initial values exactly) and
/// <c>--init-params</c> (the parameters initialised from the data; the others come from <c>--init</c>).
/// </summary>
public sealed class HmmConstraintOptions
{
    /// <summary>--topology.</summary>
    public Option<string?> Topology { get; } = new("--topology")
    {
        Description = "left-right: start in state 0, move only to the same or the next state (zeros stay zero)",
    };

    /// <summary>--params.</summary>
    public Option<string?> Params { get; } = new("--params")
    {
        Description = "Parameters to update: letters of s (startprob), t (transmat), m (means), c (covars), " +
            "e (emissionprob); default all",
    };

    /// <summary>--init-params.</summary>
    public Option<string?> InitParams { get; } = new("--init-params")
    {
        Description = "Parameters to initialise from the data (same letters); default all, or none with --init",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Topology);
        command.Options.Add(Params);
        command.Options.Add(InitParams);
    }

    /// <summary><paramref name="spec"/> with the constraints given.</summary>
    public FitSpec ApplyTo(FitSpec spec, ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(parse);
        return spec with
        {
            Topology = parse.GetValue(Topology),
            Params = parse.GetValue(Params),
            InitParams = parse.GetValue(InitParams),
        };
    }
}
