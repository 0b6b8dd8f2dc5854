using AiMass.Coordinator.Fitting;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Tests.Selection;

/// <summary>
/// The fit as it ran before restarts shared a pass: one <see cref="EmFit"/> running initialisation after
/// initialisation (its own loop over the partitions, each E-step in the precision the fit asks for, totalled with
/// <see cref="StatisticsSum"/> as <see cref="LocalFit"/> and the cluster do), the independent reference the one-pass
/// fits must equal.
/// </summary>
public static class SequentialFit
{
    /// <summary>Fits <paramref name="spec"/> (with its --n-init) one initialisation at a time.</summary>
    public static FitResult Run(FitSpec spec, IEStepBackend backend)
    {
        using var layout = DatasetLayout.Open(spec, spec.Partitions ?? 1);
        var plain = FitPlanner.Create(spec with { NInit = 1 }, layout.Data, layout.Weights);
        var fit = new EmFit(plain.Model, plain.Initial, spec.NInit, plain.Settings);
        var partitions = Enumerable.Range(0, layout.Partitions.Count).Select(i => backend.Bind(layout.Partition(i)))
            .ToArray();
        try
        {
            while (fit.Phase != EmPhase.Done)
            {
                var (parameters, precision) = (fit.ParametersToEvaluate, fit.PrecisionToEvaluate);
                var parts = partitions.Select(p => p.Compute(parameters, precision, CancellationToken.None))
                    .ToArray();
                fit.Submit(StatisticsSum.Of(parts));
            }

            return fit.Result;
        }
        finally
        {
            foreach (var partition in partitions)
            {
                partition.Dispose();
            }
        }
    }
}
