using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Data;
using AiMass.Seed.Hosting;
using AiMass.Seed.Jobs;
using AiMass.Seed.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiMass.Bench.Scale;

/// <summary>
/// <c>scale --nodes 64 --partitions 1024 --components 64 --features 32 --covariance full --iterations 5
/// [--width 8] [--processes 4] [--chunk-kb 1024]</c>: the real coordinator (this process, nothing else in it), a
/// seed (a process of its own) and N worker nodes, each its own ActorSystem, in a few child processes, over real
/// loopback remoting, running a real job whose E-step
/// returns statistics of the real size at once (<see cref="SyntheticStatisticsBackend"/>). Prints, per iteration
/// after the first, the coordinator's CPU time and the AiMass bytes it received; the last line is
/// <c>scale: nodes=N partitions=P stats_bytes=S coordinator_ms_per_iteration=X
/// coordinator_in_bytes_per_iteration=B coordinator_peak_mb=M</c>.
/// </summary>
public static class ScaleCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var o = EStepCommand.Parse(args);
        int nodes = EStepCommand.Get(o, "nodes", 64), partitions = EStepCommand.Get(o, "partitions", 1024);
        int k = EStepCommand.Get(o, "components", 64), d = EStepCommand.Get(o, "features", 32);
        int iterations = EStepCommand.Get(o, "iterations", 5), width = EStepCommand.Get(o, "width", 8);
        var chunkKb = EStepCommand.Get(o, "chunk-kb", 1024);
        var processes = Math.Min(nodes, EStepCommand.Get(o, "processes", Math.Max(1, nodes / 16)));
        var type = CovarianceTypes.Parse(o.GetValueOrDefault("covariance", "full"));
        var dir = Directory.CreateTempSubdirectory("aimass-scale-").FullName;
        var children = new List<Process>();
        try
        {
            var data = WriteData(Path.Combine(dir, "x.npy"), Math.Max(4 * partitions, 20 * k), d);
            var port = FreePort();
            children.AddRange(await StartWorkersAsync(nodes, processes, port, width, chunkKb));
            var started = Stopwatch.GetTimestamp();
            using var coordinator = NodeHosts.Build(
                ScaleNodes.Settings(width, chunkKb) with
                {
                    Roles = ["coordinator"], SeedNodes = [$"127.0.0.1:{port}"], LogLevel = "Information",
                },
                null, false, "coordinator");
            await coordinator.StartAsync();
            var system = coordinator.Services.GetRequiredService<ActorSystem>();
            await WaitForWorkersAsync(system, nodes);
            Console.WriteLine($"{nodes} workers up in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s " +
                $"({processes} processes); tree width {width}");
            var samples = IterationMeter.Attach(system);
            var manager = await coordinator.Services.GetRequiredService<ActorRegistry>().GetAsync<JobManagerKey>();
            var spec = new FitSpec
            {
                Data = data, Components = k, CovarianceType = o.GetValueOrDefault("covariance", "full"),
                Partitions = partitions, MaxIter = iterations, Tol = 0, InitMethod = "random-from-data",
            };
            var (status, _) = await JobRunner.RunAsync(manager, spec, null, CancellationToken.None);
            if (!status.IsFinal || status.Error is not null)
            {
                Console.Error.WriteLine($"scale: the job did not succeed: {status.Error}");
                return 1;
            }

            var idle = await IdleCpuRateAsync(TimeSpan.FromSeconds(10)); // after the job: JIT and caches are warm
            var last = Report(new Run(nodes, partitions, type, k, d, idle), samples.ToArray());
            await coordinator.StopAsync(TimeSpan.FromSeconds(10));
            SerialWork.Print(type, k, d, partitions, Math.Min(width, nodes));
            Console.WriteLine(last);
            return 0;
        }
        finally
        {
            foreach (var child in children)
            {
                child.StandardInput.Close();
                if (!child.WaitForExit(15_000))
                {
                    child.Kill(entireProcessTree: true);
                }

                child.Dispose();
            }

            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>What a run was: its shape, and the coordinator's CPU rate when idle (ms per s).</summary>
    private sealed record Run(int Nodes, int Partitions, CovarianceType Type, int K, int D, double IdleRate);

    /// <summary>
    /// This process's CPU time per second of wall time while the cluster is up and idle: heartbeats, gossip,
    /// timers. It runs whatever the job does, so it is subtracted from the cost per iteration.
    /// </summary>
    private static async Task<double> IdleCpuRateAsync(TimeSpan window)
    {
        var process = Process.GetCurrentProcess();
        await Task.Delay(TimeSpan.FromSeconds(2));
        process.Refresh();
        var before = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(window);
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMilliseconds / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>Prints the per-iteration lines; returns the last line (printed once the nodes are stopped).</summary>
    private static string Report(Run run, IterationMeter.Sample[] samples)
    {
        var first = samples.First();
        var last = samples.Last();
        var steps = last.Iteration - first.Iteration;
        if (steps < 1)
        {
            throw new InvalidOperationException("Run at least 2 iterations to measure the cost per iteration.");
        }

        foreach (var (a, b) in samples.Zip(samples.Skip(1)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"iteration {b.Iteration}: coordinator cpu {b.CpuMilliseconds - a.CpuMilliseconds:F1} ms, " +
                $"in {(b.BytesIn - a.BytesIn) / 1e6:F2} MB, " +
                $"wall {Stopwatch.GetElapsedTime(a.Timestamp, b.Timestamp).TotalMilliseconds:F0} ms"));
        }

        var wall = samples.Zip(samples.Skip(1))
            .Select(p => Stopwatch.GetElapsedTime(p.First.Timestamp, p.Second.Timestamp).TotalMilliseconds)
            .Order().ToArray();
        var statistics = StatisticsBytes(run.Type, run.K, run.D);
        var seconds = Stopwatch.GetElapsedTime(first.Timestamp, last.Timestamp).TotalSeconds / steps;
        var raw = (last.CpuMilliseconds - first.CpuMilliseconds) / steps;
        var cpu = Math.Max(0, raw - (run.IdleRate * seconds));
        var bytes = (last.BytesIn - first.BytesIn) / steps;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wall ms per iteration (median, every node sharing this machine) {wall[wall.Length / 2]:F0}; " +
            $"coordinator cpu per iteration {raw:F1} ms, of which idle cluster chatter {run.IdleRate:F1} ms/s × " +
            $"{seconds:F2} s; B/S = {(double)bytes / statistics:F1}"));
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1e6;
        return string.Create(CultureInfo.InvariantCulture,
            $"scale: nodes={run.Nodes} partitions={run.Partitions} stats_bytes={statistics} " +
            $"coordinator_ms_per_iteration={cpu:F1} coordinator_in_bytes_per_iteration={bytes} " +
            $"coordinator_peak_mb={peak:F0}");
    }

    /// <summary>S: one partition's statistics as the per-partition protocol sent them (float64, triangles).</summary>
    private static long StatisticsBytes(CovarianceType type, int k, int d)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            StatisticsCodec.Write(writer, SyntheticStatisticsBackend.Make(type, k, d, 0, 100));
        }

        return stream.Length;
    }

    /// <summary>
    /// The seed in a process of its own (started first: everyone joins it), then the workers spread over
    /// <paramref name="processes"/> processes.
    /// </summary>
    private static async Task<List<Process>> StartWorkersAsync(
        int nodes, int processes, int port, int width, int chunkKb)
    {
        var list = new List<Process> { Child(0, port, [$"{width}", $"{chunkKb}"], withSeed: true) };
        await ReadyAsync(list[0]);
        for (var i = 0; i < processes; i++)
        {
            var count = (nodes / processes) + (i < nodes % processes ? 1 : 0);
            list.Add(Child(count, port, [$"{width}", $"{chunkKb}"], withSeed: false));
        }

        foreach (var child in list.Skip(1))
        {
            await ReadyAsync(child);
        }

        return list;
    }

    private static Process Child(int count, int port, string[] widthAndChunk, bool withSeed)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(ScaleCommand).Assembly.Location);
        }

        foreach (var arg in new[] { "scale-workers", "--count", $"{count}", "--seed-port", $"{port}", "--width",
                     widthAndChunk[0], "--chunk-kb", widthAndChunk[1], "--with-seed", withSeed ? "1" : "0" })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start a worker process.");
    }

    private static async Task ReadyAsync(Process child)
    {
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "ready")
            {
                return;
            }
        }

        throw new InvalidOperationException("A worker process ended before it was ready.");
    }

    private static async Task WaitForWorkersAsync(ActorSystem system, int nodes)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (cluster.State.Members.Count(m => m.Status == MemberStatus.Up && m.HasRole("worker")) < nodes)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{nodes} workers did not come up within 10 minutes.");
            }

            await Task.Delay(200);
        }
    }

    private static string WriteData(string path, int rows, int d)
    {
        var values = BenchData.Rows(rows, d, 8);
        using var writer = NpyWriter.Create(path, NpyDataType.Float64, rows, d);
        writer.WriteRows(values);
        writer.Complete();
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
