using System.CommandLine;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// MAP-EM with conjugate priors: <c>--prior weak</c> (mixtures; data-driven, in the spirit of mclust's
/// priorControl) and <c>--prior-model saved.json --prior-strength τ</c> (a saved model as the prior, τ
/// pseudo-observations per component; τ = 0 is maximum likelihood). See docs/CLI.md for the formulas.
/// </summary>
/// <param name="weak">Whether <c>--prior</c> is offered (mixtures only).</param>
public sealed class MapPriorOptions(bool weak)
{
    /// <summary>--prior.</summary>
    public Option<string?> Prior { get; } = new("--prior")
    {
        Description = "weak: a data-driven conjugate prior (MAP-EM) that keeps small components finite",
    };

    /// <summary>--prior-model.</summary>
    public Option<string?> Model { get; } = new("--prior-model")
    {
        Description = "A saved model as the prior (MAP adaptation); the fit starts from it unless --init is given",
    };

    /// <summary>--prior-strength.</summary>
    public Option<double> Strength { get; } = new("--prior-strength")
    {
        Description = "τ: pseudo-observations of --prior-model per component (0: maximum likelihood)",
        DefaultValueFactory = _ => 16,
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (weak)
        {
            command.Options.Add(Prior);
        }

        command.Options.Add(Model);
        command.Options.Add(Strength);
    }

    /// <summary><paramref name="spec"/> with the prior options (the prior model read so it travels by value).</summary>
    public FitSpec ApplyTo(FitSpec spec, ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(parse);
        var model = parse.GetValue(Model);
        return spec with
        {
            Prior = weak ? parse.GetValue(Prior) : null,
            PriorModel = model is null ? null : GmmFitOptions.ReadInitModel(model),
            PriorModelName = model,
            PriorStrength = parse.GetValue(Strength),
        };
    }
}
