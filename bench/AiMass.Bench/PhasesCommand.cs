using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using AiMass.Kernels.Data;
using AiMass.Kernels.EStep.Cpu;
using AiMass.Kernels.Mixture;

namespace AiMass.Bench;

/// <summary>
/// <c>phases [--rows N --features D --components K --covariance diag|spherical|full --spread S --passes P
/// --width 512|256]</c>: where one thread's time goes in a resident-tile mixture E-step, phase by phase over every
/// tile (tile hand-out, densities, log-sum-exp and responsibilities, moments). Each phase's time is the smallest
/// over P passes (a shared machine's interruptions only ever add time), in ms per pass; the sum of the minima is a
/// lower bound of one thread's pass.
/// </summary>
public static class PhasesCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var options = EStepCommand.Parse(args);
        return options.GetValueOrDefault("width", "512") == "256" || !Vector512.IsHardwareAccelerated
            ? Run<Simd256Single, Vector256<float>>(options)
            : Run<Simd512Single, Vector512<float>>(options);
    }

    private static int Run<TOps, TVec>(Dictionary<string, string> options)
        where TOps : struct, ISimd<TVec, float>
        where TVec : struct
    {
        int n = EStepCommand.Get(options, "rows", 200_000), d = EStepCommand.Get(options, "features", 16);
        int k = EStepCommand.Get(options, "components", 16), passes = EStepCommand.Get(options, "passes", 30);
        var type = CovarianceTypes.Parse(options.GetValueOrDefault("covariance", "diag"));
        var spread = double.Parse(options.GetValueOrDefault("spread", "3"), CultureInfo.InvariantCulture);
        var rows = BenchData.Rows(n, d, k, spread: spread);
        var parameters = BenchData.Parameters(type, rows, d, k);
        var partition = new DataPartition(0, new ArrayRowSource(rows, d));
        var centre = new double[d];
        for (var t = 0; t < n; t++)
        {
            for (var j = 0; j < d; j++)
            {
                centre[j] += rows[((long)t * d) + j] / n;
            }
        }

        var model = MixturePreparation.Prepare<TOps, TVec, float>(parameters, centre);
        var tiles = (int)MixtureBlockJob<TOps, TVec, float>.Tiles(n);
        var resident = new ResidentTiles<float>(model.Layout, tiles, weighted: false, bySequence: false);
        var source = new TileSource<float>(partition, centre, resident);
        var ws = new TileWorkspace<float>(model.Layout);
        var best = new double[4];
        Array.Fill(best, double.MaxValue);
        for (var pass = -1; pass < passes; pass++)
        {
            var spent = Pass<TOps, TVec>(source, model, ws, n, tiles);
            if (pass == -1)
            {
                resident.MarkComplete(); // the first pass fills the copy, like a first iteration
                continue;
            }

            for (var p = 0; p < best.Length; p++)
            {
                best[p] = Math.Min(best[p], spent[p]);
            }
        }

        Console.WriteLine($"{TOps.Name} float32, 1 thread, {type.Name()} N={n} D={d} K={k} spread={spread}, " +
            $"resident tiles, minimum of {passes} passes (ms):");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tile hand-out {best[0]:F2}  densities {best[1]:F2}  log-sum-exp+responsibilities {best[2]:F2}  " +
            $"moments {best[3]:F2}  sum {best.Sum():F2}"));
        return 0;
    }

    private static double[] Pass<TOps, TVec>(
        TileSource<float> source, PreparedMixture<float> model, TileWorkspace<float> ws, int n, int tiles)
        where TOps : struct, ISimd<TVec, float>
        where TVec : struct
    {
        var ticks = new long[4];
        var full = model.Layout.Type == CovarianceType.Full;
        ws.Block.Clear();
        for (var tile = 0; tile < tiles; tile++)
        {
            long first = (long)tile * MixtureLayout.TileRows, t0 = Stopwatch.GetTimestamp();
            var rows = (int)Math.Min(MixtureLayout.TileRows, n - first);
            source.Load<TOps, TVec>(tile, first, rows, ws);
            var t1 = Stopwatch.GetTimestamp();
            if (full)
            {
                MixtureTile<TOps, TVec, float>.FullNorms(model, ws);
            }
            else
            {
                MixtureTile<TOps, TVec, float>.DiagonalNorms(model, ws, ref ws.Columns);
            }

            var t2 = Stopwatch.GetTimestamp();
            MixtureTile<TOps, TVec, float>.Responsibilities(model, ws, rows, logsReady: !full);
            var t3 = Stopwatch.GetTimestamp();
            if (full)
            {
                MixtureTile<TOps, TVec, float>.FullMoments(model, ws, rows);
            }
            else
            {
                MixtureTile<TOps, TVec, float>.DiagonalMoments(model, ws, rows);
            }

            var t4 = Stopwatch.GetTimestamp();
            ticks[0] += t1 - t0;
            ticks[1] += t2 - t1;
            ticks[2] += t3 - t2;
            ticks[3] += t4 - t3;
        }

        return [.. ticks.Select(t => t * 1000.0 / Stopwatch.Frequency)];
    }
}
