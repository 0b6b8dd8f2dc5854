using System.Diagnostics;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Seed.Data.Storage;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Fitting;

/// <summary>
/// Fits in this process: the dataset cut into <c>--partitions</c> partitions, each bound once to the E-step
/// backend, their statistics added with <see cref="StatisticsSum"/> (whose bits do not depend on the order or
/// grouping) — the same loop and the same sum as a cluster job, so both give the same model bit for bit.
/// </summary>
public static class LocalFit
{
    /// <summary>Runs <paramref name="spec"/> to completion on <paramref name="backend"/>, reading the data through
    /// <paramref name="access"/> (default: as the environment configures it).</summary>
    public static FitResult Run(
        FitSpec spec, IEStepBackend backend, IFitObserver observer, CancellationToken cancellation,
        DataAccess? access = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(observer);
        using var layout = DatasetLayout.Open(spec, spec.Partitions ?? 1, access);
        var plan = FitPlanner.Create(spec, layout.Data, layout.Weights, cancellation);
        observer.Started(
            $"{plan.Summary} on {layout.Data.Name} ({layout.Data.Rows} rows × {layout.Data.Features} features, " +
            $"{layout.Partitions.Count} partition(s)), device {backend.Name}");
        var partitions = new List<IPartitionEStep>(layout.Partitions.Count);
        try
        {
            for (var i = 0; i < layout.Partitions.Count; i++)
            {
                partitions.Add(backend.Bind(layout.Partition(i)));
            }

            return Iterate(plan.StartFit(), partitions, observer, cancellation);
        }
        finally
        {
            foreach (var partition in partitions)
            {
                partition.Dispose();
            }
        }
    }

    private static FitResult Iterate(
        EmFit fit, List<IPartitionEStep> partitions, IFitObserver observer, CancellationToken cancellation)
    {
        var announced = -1;
        while (fit.Phase != EmPhase.Done)
        {
            if (fit.Phase == EmPhase.Iterating && fit.InitIndex != announced)
            {
                announced = fit.InitIndex;
                observer.InitStarted(fit.InitIndex, fit.InitCount);
            }

            var started = Stopwatch.GetTimestamp();
            var parameters = fit.ParametersToEvaluate;
            var precision = fit.PrecisionToEvaluate;
            var parts = new SufficientStatistics[partitions.Count];
            for (var i = 0; i < partitions.Count; i++)
            {
                parts[i] = partitions[i].Compute(parameters, precision, cancellation);
            }

            var init = fit.InitIndex;
            var record = fit.Submit(
                StatisticsSum.Of(parts), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (record is not null)
            {
                observer.Iterated(init, record);
            }
            else if (fit.LastRollback is { } rollback)
            {
                observer.RolledBack(init, rollback);
            }
        }

        observer.Finished(fit.Result);
        return fit.Result;
    }
}
